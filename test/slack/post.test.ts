// Sending a day's post through the real WebClient to the fake Slack: what the channel shows,
// what cannot happen (mentions, double posts), and how failures come back to the core.
import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMITS } from '../../src/core/plan/limits.js';
import { PlatformError } from '../../src/core/ports.js';
import { SLACK_LIMITS } from '../../src/platforms/slack/index.js';
import { harnessPerTest } from './harness.js';
import { doc, part, signal, STAFF } from './samples.js';

const harness = harnessPerTest({ start: false });

function texts(blocks: unknown[] | undefined): string[] {
  return (blocks ?? []).map((b) => {
    const block = b as { type: string; text?: { text: string }; elements?: Array<{ text: string }> };
    return `${block.type}: ${block.text?.text ?? block.elements?.map((e) => e.text).join(' ')}`;
  });
}

describe('sendPost', () => {
  it('posts one Block Kit message with a generic notification text, the ledger key, and its own 🙏', async () => {
    const { slack, platform } = await harness();
    const sent = await platform.sendPost(part(), doc(), signal());

    const [message, ...others] = slack.messages('C0STAFF01');
    expect(others).toHaveLength(0);
    expect(message!.ts).toBe(sent.messageId);
    expect(message!.text).toBe("Today's prayer: Latin America");
    expect(texts(message!.blocks)).toEqual([
      'header: Prayer for Tuesday, October 13',
      'section: *Latin America*',
      'section: *Fictional Field Office*\nPlease pray for the fictional team preparing a community workshop.',
      'section: Give thanks for a (fictional) partner who joined this month.',
      'context: “Seek justice, defend the oppressed.” — Isaiah 1:17',
      'context: React 🙏 when you have prayed.',
    ]);
    expect(message!.metadata).toEqual({ event_type: 'prayerbot_post', event_payload: { ledger_key: 'slack:C0STAFF01:2026-10-13:0' } });
    expect(message!.reactions).toEqual([{ name: 'pray', users: [slack.botUserId] }]);
    const [post] = slack.callsTo('chat.postMessage');
    expect(post!.args).toMatchObject({ parse: 'none', link_names: 'false', unfurl_links: 'false' });
  });

  it('neutralises every kind of mention in request text, titles and headings', async () => {
    const { slack, platform } = await harness();
    const hostile = 'Pray <!channel> <!here> <!everyone> <@U0SOMEONE> <#C0OTHER> <!subteam^S0TEAM> @here @channel & <https://x.example|click>';
    const sent = await platform.sendPost(
      part(),
      doc({ sections: [{ heading: 'Latin <!here> America', items: [{ title: '<@U0SOMEONE>', text: hostile }] }] }),
      signal(),
    );

    expect(slack.mentions('C0STAFF01', sent.messageId)).toEqual([]);
    const shown = texts(slack.message('C0STAFF01', sent.messageId)!.blocks).join('\n');
    expect(shown).toContain('Pray &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U0SOMEONE&gt;');
    expect(shown).toContain('&amp; &lt;https://x.example|click&gt;');
    expect(shown).toContain('*Latin &lt;!here&gt; America*');
  });

  it('waits out a 429 for its Retry-After and posts exactly once', async () => {
    const { slack, platform } = await harness();
    slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfter: 1 });

    const sent = await platform.sendPost(part(), doc(), signal());

    expect(slack.callsTo('chat.postMessage').map((c) => c.answer)).toEqual(['429', 'ok']);
    expect(slack.messages('C0STAFF01').map((m) => m.ts)).toEqual([sent.messageId]);
  });

  it('gives up on a 429 without Retry-After at once, as rate_limited, without a loop', async () => {
    const { slack, platform } = await harness();
    slack.failNext('chat.postMessage', { kind: 'rate_limited' }, 5);

    const failure = await platform.sendPost(part(), doc(), signal()).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(PlatformError);
    expect(failure).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.messages('C0STAFF01')).toHaveLength(0);
  });

  it('stops honouring Retry-After when the wait would not end inside its budget', async () => {
    const { slack, platform } = await harness({ platform: { budgetMs: 3_000 } });
    slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfter: 30 });

    await expect(platform.sendPost(part(), doc(), signal())).rejects.toMatchObject({ code: 'rate_limited' });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('never repeats a postMessage whose answer was lost blindly: finds the message that landed', async () => {
    const { slack, platform } = await harness({ platform: { timeoutMs: 300 } });
    slack.failNext('chat.postMessage', { kind: 'stall', apply: true });

    const sent = await platform.sendPost(part(), doc(), signal());

    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.callsTo('conversations.history')[0]!.args).toMatchObject({ include_all_metadata: 'true' });
    expect(slack.messages('C0STAFF01').map((m) => m.ts)).toEqual([sent.messageId]);
    expect(slack.message('C0STAFF01', sent.messageId)!.reactions).toEqual([{ name: 'pray', users: [slack.botUserId] }]);
  });

  it('reports a lost request that never landed as a retryable timeout, having sent nothing', async () => {
    const { slack, platform } = await harness({ platform: { timeoutMs: 300 } });
    slack.failNext('chat.postMessage', { kind: 'stall' });

    await expect(platform.sendPost(part(), doc(), signal())).rejects.toMatchObject({ code: 'timeout', retryable: true });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.messages('C0STAFF01')).toHaveLength(0);
  });

  it('reports a 500 as unavailable (retryable) without posting twice', async () => {
    const { slack, platform } = await harness();
    slack.failNext('chat.postMessage', { kind: 'http', status: 500 });

    await expect(platform.sendPost(part(), doc(), signal())).rejects.toMatchObject({ code: 'unavailable', retryable: true });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('maps archived, deleted and not-joined channels to channel_gone / forbidden', async () => {
    const { slack, platform } = await harness();
    slack.addChannel({ id: 'C0ARCHIV1', isArchived: true });
    slack.addChannel({ id: 'C0PUBLIC1', isPrivate: false, isMember: false });
    const to = (id: string) => part({ ...STAFF, id });

    await expect(platform.sendPost(to('C0ARCHIV1'), doc(), signal())).rejects.toMatchObject({ code: 'channel_gone', retryable: false });
    await expect(platform.sendPost(to('C0GONE001'), doc(), signal())).rejects.toMatchObject({ code: 'channel_gone' });
    await expect(platform.sendPost(to('C0PUBLIC1'), doc(), signal())).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('keeps the post when its own reaction cannot be added (the message is out)', async () => {
    const { slack, platform } = await harness();
    slack.failNext('reactions.add', { kind: 'error', error: 'missing_scope' });

    const sent = await platform.sendPost(part(), doc(), signal());
    expect(slack.messages('C0STAFF01').map((m) => m.ts)).toEqual([sent.messageId]);
  });

  it('retries its own reaction after a 500 (adding it twice is harmless)', async () => {
    const { slack, platform } = await harness();
    slack.failNext('reactions.add', { kind: 'http', status: 503 });

    const sent = await platform.sendPost(part(), doc(), signal());
    expect(slack.message('C0STAFF01', sent.messageId)!.reactions).toEqual([{ name: 'pray', users: [slack.botUserId] }]);
  });

  it('gives up when its lease is lost (the signal aborts) and posts nothing', async () => {
    const { slack, platform } = await harness();
    slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfter: 5 });
    const lease = new AbortController();
    setTimeout(() => lease.abort(), 100);

    await expect(platform.sendPost(part(), doc(), lease.signal)).rejects.toMatchObject({ code: 'timeout' });
    expect(slack.messages('C0STAFF01')).toHaveLength(0);
  });

  it('fits the largest post its limits allow in one message', async () => {
    const { slack, platform } = await harness();
    expect(SLACK_LIMITS).toEqual(MESSAGE_LIMITS.slack);
    const { maxRequests, maxChars } = SLACK_LIMITS;
    const heading = 'Region & Partners';
    const per = Math.floor(maxChars / maxRequests) - heading.length - 10;
    const text = `Please pray <for> the team & partners. ${'x'.repeat(per)}`.slice(0, per);
    const sections = Array.from({ length: maxRequests }, () => ({ heading, items: [{ title: 'Fictional', text }] }));

    const sent = await platform.sendPost(part(), doc({ sections }), signal());
    expect(slack.message('C0STAFF01', sent.messageId)!.blocks!.length).toBeLessThanOrEqual(50);
  });

  it('splits one request whose escaped text outgrows a section across two sections', async () => {
    const { slack, platform } = await harness();
    const text = `${'Pray & give thanks. '.repeat(140)}`.trim(); // 2,799 characters, ~3,359 escaped
    const sent = await platform.sendPost(part(), doc({ sections: [{ heading: 'Asia Pacific', items: [{ text }] }] }), signal());

    const sections = slack.message('C0STAFF01', sent.messageId)!.blocks!.filter((b) => (b as { type: string }).type === 'section');
    expect(sections).toHaveLength(3);
    const joined = sections.slice(1).map((b) => (b as { text: { text: string } }).text.text).join('');
    expect(joined.replace(/&amp;/g, '&')).toBe(text);
  });
});

describe('findPost', () => {
  it("finds the bot's message carrying the ledger key and nothing else", async () => {
    const { slack, platform } = await harness();
    const since = new Date(Date.now() - 60_000);
    const key = 'slack:C0STAFF01:2026-10-13:0';
    slack.postAsUser('C0STAFF01', 'U0SOMEONE', 'lookalike', { event_type: 'prayerbot_post', event_payload: { ledger_key: key } });
    slack.postAsBot('C0STAFF01', 'yesterday', { event_type: 'prayerbot_post', event_payload: { ledger_key: 'slack:C0STAFF01:2026-10-12:0' } });
    const ours = slack.postAsBot('C0STAFF01', 'today', { event_type: 'prayerbot_post', event_payload: { ledger_key: key } });
    for (let i = 0; i < 450; i += 1) slack.postAsUser('C0STAFF01', 'U0SOMEONE', `chatter ${i}`);

    expect(await platform.findPost('C0STAFF01', key, since)).toEqual({ messageId: ours });
    expect(await platform.findPost('C0STAFF01', 'slack:C0STAFF01:2026-10-14:0', since)).toBeNull();
    const pages = slack.callsTo('conversations.history');
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((c) => c.args.include_all_metadata === 'true' && c.args.oldest !== undefined)).toBe(true);
  });

  it('looks only since the given time', async () => {
    const { slack, platform } = await harness();
    const key = 'slack:C0STAFF01:2026-10-13:0';
    slack.postAsBot('C0STAFF01', 'earlier', { event_type: 'prayerbot_post', event_payload: { ledger_key: key } });

    expect(await platform.findPost('C0STAFF01', key, new Date(Date.now() + 5_000))).toBeNull();
  });

  it('throws when Slack cannot answer, rather than saying "absent"', async () => {
    const { slack, platform } = await harness({ platform: { maxRetries: 0 } });
    slack.failNext('conversations.history', { kind: 'http', status: 500 });
    await expect(platform.findPost('C0STAFF01', 'k', new Date())).rejects.toMatchObject({ code: 'unavailable' });
    await expect(platform.findPost('C0GONE001', 'k', new Date())).rejects.toMatchObject({ code: 'channel_gone' });
  });
});
