// What "This week and next" shows: each part's state in words, and the posts rendered from
// the adapters' own Block Kit blocks and embeds, with request text always shown as text.
import { describe, expect, it } from 'vitest';
import { channelPostsOf, planWeek, splitIntoParts } from '../../src/core/plan/plan.js';
import { MESSAGE_LIMITS } from '../../src/core/plan/limits.js';
import { STAFF_SLACK, testConfig, testWeek } from '../../src/core/plan/testing.js';
import type { PostDocument } from '../../src/core/ports.js';
import type { PostPart } from '../../src/core/types.js';
import type { PostRecord } from '../../src/core/store.js';
import { partStatus, type StatusFacts } from '../../src/web/ledger-status.js';
import { discordPreview, slackPreview } from '../../src/web/post-preview.js';

const config = testConfig();
const week = testWeek('2026-11-16');
const monday = planWeek(config, week).days[0]!;
const part: PostPart = splitIntoParts(channelPostsOf(config, week, monday).find((p) => p.channel === STAFF_SLACK)!, MESSAGE_LIMITS.slack)[0]!;
// 09:00 New York on Monday 2026-11-16 is 14:00 UTC.
const at = (iso: string): StatusFacts => ({ now: new Date(iso), zone: 'America/New_York', catchUpHours: 6, retracted: false });

function record(overrides: Partial<PostRecord>): PostRecord {
  return {
    key: part.ledgerKey, platform: 'slack', channelId: 'C0STAFF01', date: part.date, part: 0, week: part.week, state: 'sent', regions: ['africa-europe'],
    requestKeys: [], owner: null, leaseUntil: null, claimedAt: null, messageId: '1.2', sentAt: new Date('2026-11-16T14:00:05Z'), attempts: 1,
    lastError: null, retryable: false, endedAt: null, frozenCount: null, ...overrides,
  };
}

async function html(rendered: unknown): Promise<string> {
  return String(await rendered);
}

describe('the state of a day’s post, in words', () => {
  it('says posted, due, late, not sent, refused, failed, skipped and retracted', () => {
    const label = (s: ReturnType<typeof partStatus>) => `${s.label}${s.detail ? `: ${s.detail}` : ''}`;
    expect(label(partStatus(part, record({}), at('2026-11-16T15:00:00Z')))).toBe('Posted: at 09:00 EST');
    expect(label(partStatus(part, undefined, at('2026-11-16T13:00:00Z')))).toBe('Due: at 09:00 EST');
    expect(label(partStatus(part, undefined, at('2026-11-16T15:00:00Z')))).toBe('Late: not sent yet; the bot catches up until 15:00 EST');
    expect(label(partStatus(part, undefined, at('2026-11-16T21:00:00Z')))).toBe('Not sent: more than 6 hours late');
    expect(label(partStatus(part, undefined, { ...at('2026-11-16T15:00:00Z'), refusal: 'the channel is public' }))).toBe('Refused: the channel is public');
    expect(label(partStatus(part, record({ state: 'failed', lastError: 'channel_not_found', retryable: false }), at('2026-11-16T15:00:00Z')))).toBe(
      'Failed: channel_not_found; send it by hand with prayerbot post --date 2026-11-16',
    );
    expect(label(partStatus(part, record({ state: 'skipped', lastError: 'more than 6 h late' }), at('2026-11-17T15:00:00Z')))).toBe('Skipped: more than 6 h late');
    expect(label(partStatus(part, record({ state: 'retracted' }), at('2026-11-16T15:00:00Z')))).toBe('Retracted: taken down everywhere');
    expect(label(partStatus(part, undefined, { ...at('2026-11-16T13:00:00Z'), retracted: true }))).toBe('Retracted: will not be posted');
  });
});

describe('the previews', () => {
  const doc: PostDocument = {
    title: 'Prayer for Monday, November 16, 2026',
    fallback: "Today's prayer: Africa & Europe",
    sections: [{ heading: 'Africa & Europe', items: [{ title: 'A *court*', text: 'Pray <script>alert(1)</script> & <img src=x onerror=alert(2)> for *all* of them.' }] }],
    verse: { text: 'Seek justice.', reference: 'Isaiah 1:17' },
    footer: 'React 🙏 when you have prayed.',
  };

  it('shows Slack’s blocks with its bold, and request text as text', async () => {
    const out = await html(slackPreview(doc));
    expect(out).toContain('<p class="slack-header">Prayer for Monday, November 16, 2026</p>');
    expect(out).toContain('<strong>Africa &amp; Europe</strong>');
    expect(out).toContain('Pray &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; for <strong>all</strong> of them.');
    expect(out).toContain('“Seek justice.” — Isaiah 1:17');
    expect(out).not.toMatch(/<script|<img/);
  });

  it('shows Discord’s embeds: title, region as author, bold title line, verse and footer', async () => {
    const out = await html(discordPreview(doc));
    expect(out).toContain('<p class="embed-title">Prayer for Monday, November 16, 2026</p>');
    expect(out).toContain('<p class="embed-author">Africa &amp; Europe</p>');
    expect(out).toContain('<strong>A <em>court</em></strong>');
    expect(out).toContain('<em>Seek justice.</em>');
    expect(out).toContain('<p class="embed-footer">React 🙏 when you have prayed.</p>');
    expect(out).not.toMatch(/<script|<img/);
  });
});
