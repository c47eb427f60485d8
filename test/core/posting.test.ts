import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/core/ports.js';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import { harness, type Harness } from './harness.js';

// Week of Monday 2026-10-12, America/New_York (EDT, UTC-4): posts at 09:00 = 13:00Z.
const WEEK = '2026-10-12';
let h: Harness;
afterEach(async () => h?.close());

describe('the sweep', () => {
  it('sends nothing before the post time, then exactly one message per channel however often it runs', async () => {
    h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T12:59:00Z');
    expect(await h.bot.sweep()).toEqual([]);
    expect(h.slack.messages).toHaveLength(0);

    h.clock.set('2026-10-12T13:00:05Z');
    const first = await h.bot.sweep();
    expect(first).toEqual([{ ledgerKey: 'slack:C0STAFF01:2026-10-12:0', outcome: 'sent' }]);
    await h.bot.sweep();
    h.clock.advance(60_000);
    await h.bot.sweep();
    expect(h.slack.messages).toHaveLength(1);
    expect(h.slack.messages[0]!.doc.fallback).toBe("Today's prayer: Africa & Europe");
    // The volunteers channel gets only `everyone` requests: none this week.
    expect(h.discord.messages).toHaveLength(0);
  });

  it('catches up a post missed while down if it is less than catch_up_hours late', async () => {
    h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T18:59:00Z'); // 5 h 59 late
    const results = await h.bot.sweep();
    expect(results.map((r) => r.outcome)).toEqual(['sent']);
    expect(h.slack.staffTexts).toEqual([]);
  });

  it('skips a post later than the window, tells staff once, and `post --date` still sends it', async () => {
    h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T19:01:00Z'); // 6 h 1 late
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['skipped']);
    await h.bot.sweep();
    expect(h.slack.messages).toHaveLength(0);
    expect(h.slack.staffTexts).toHaveLength(1);
    expect(h.slack.staffTexts[0]!.text).toContain('prayerbot post --date 2026-10-12');

    const manual = await h.bot.postDay('2026-10-12', { manual: true });
    expect(manual.map((r) => r.outcome)).toEqual(['sent']);
    expect(h.slack.messages).toHaveLength(1);
  });

  it('does not post on skip dates, and the rotation continues on the next posting day', async () => {
    h = await harness(testConfig({ skip: ['2026-10-13'] }), [testWeek(WEEK)], '2026-10-14T13:00:30Z');
    await h.bot.sweep();
    expect(h.slack.messages.map((m) => m.doc.sections.map((s) => s.heading))).toEqual([['Latin America']]);
    expect(await h.store.getPost('slack:C0STAFF01:2026-10-13:0')).toBeUndefined();
  });

  it('never sends a day when the week has no plan, and tells staff once', async () => {
    h = await harness(testConfig(), [testWeek('2026-10-05')], '2026-10-12T13:00:30Z');
    await h.bot.sweep();
    await h.bot.sweep();
    expect(h.slack.messages).toHaveLength(0);
    expect(h.slack.staffTexts.filter((t) => t.text.includes('no plan for the week of 2026-10-12'))).toHaveLength(1);
  });
});

describe('at most once', () => {
  it('a send whose answer was lost is found on the platform instead of being sent again', async () => {
    h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T13:00:30Z');
    h.slack.loseNextAnswer = true;
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['failed']);
    h.clock.advance(60_000);
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['recovered']);
    expect(h.slack.messages).toHaveLength(1);
    expect((await h.store.getPost('slack:C0STAFF01:2026-10-12:0'))?.messageId).toBe(h.slack.messages[0]!.id);
    // Its sender may have died before adding the bot's own 🙏: the recovery adds it.
    expect(h.slack.calls.filter((c) => c.method === 'addOwnReaction').map((c) => c.args)).toEqual([['C0STAFF01', h.slack.messages[0]!.id]]);
  });

  it('a claim whose sender died is taken over after its lease, asking the platform first', async () => {
    h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T13:00:30Z');
    // Another process claimed the post and died before sending.
    const claim = { key: 'slack:C0STAFF01:2026-10-12:0', platform: 'slack' as const, channelId: 'C0STAFF01', date: WEEK, part: 0, week: WEEK, regions: ['africa-europe'], requestKeys: [`${WEEK}/africa-europe-1`] };
    expect((await h.store.claimPost(claim, 'dead-process', h.clock.now(), 120_000)).won).toBe(true);
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['already']);
    h.clock.advance(121_000);
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['sent']);
    expect(h.slack.calls.filter((c) => c.method === 'findPost')).toHaveLength(1);
    expect(h.slack.messages).toHaveLength(1);
  });

  it('sends nothing when the platform cannot say whether an earlier attempt landed, and tells staff', async () => {
    h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T13:00:30Z');
    h.slack.loseNextAnswer = true;
    await h.bot.sweep();
    h.slack.findFails = true;
    h.clock.advance(60_000);
    expect((await h.bot.sweep()).map((r) => r.detail)).toEqual(['could not verify']);
    expect(h.slack.messages).toHaveLength(1);
    expect(h.slack.staffTexts.some((t) => t.text.includes('could not check whether'))).toBe(true);
  });

  it('one failing channel does not hold up another; a retryable failure is retried by the next sweep', async () => {
    const week = testWeek(WEEK, [{ region: 'africa-europe', audience: 'everyone' }]);
    h = await harness(testConfig(), [week], '2026-10-12T13:00:30Z');
    h.slack.sendFailures.push(new PlatformError('unavailable', 'HTTP 503'));
    const results = await h.bot.sweep();
    expect(Object.fromEntries(results.map((r) => [r.ledgerKey, r.outcome]))).toEqual({
      'slack:C0STAFF01:2026-10-12:0': 'failed',
      'discord:112233445566778899:2026-10-12:0': 'sent',
    });
    h.clock.advance(60_000);
    await h.bot.sweep();
    expect(h.slack.messages).toHaveLength(1);
    expect(h.discord.messages).toHaveLength(1);
  });

  it('a channel that was archived is disabled with one alert', async () => {
    h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T13:00:30Z');
    h.slack.sendFailures.push(new PlatformError('channel_gone', 'is_archived'));
    await h.bot.sweep();
    h.clock.advance(60_000);
    await h.bot.sweep();
    expect(h.slack.calls.filter((c) => c.method === 'sendPost')).toHaveLength(1);
    expect(h.slack.staffTexts.filter((t) => t.text.includes('disabled'))).toHaveLength(1);
  });
});

describe('the privacy guard', () => {
  it('refuses a public channel and an externally shared one, reporting each to staff once', async () => {
    const config = testConfig({
      channels: [
        { platform: 'slack', id: 'CPUBLIC', audience: 'staff', allowPublic: false },
        { platform: 'slack', id: 'CSHARED', audience: 'staff', allowPublic: false },
        { platform: 'slack', id: 'CPRIVATE', audience: 'staff', allowPublic: false },
      ],
    });
    h = await harness(config, [testWeek(WEEK)], '2026-10-12T13:00:30Z');
    h.slack.channels.set('CPUBLIC', { state: 'ok', isPublic: true, externallyShared: false, outsiderViewers: [] });
    h.slack.channels.set('CSHARED', { state: 'ok', isPublic: false, externallyShared: true, outsiderViewers: [] });
    await h.bot.sweep();
    h.clock.advance(60_000);
    await h.bot.sweep();
    expect(h.slack.messages.map((m) => m.channelId)).toEqual(['CPRIVATE']);
    const alerts = h.slack.staffTexts.map((t) => t.text);
    expect(alerts.filter((t) => t.includes('CPUBLIC') && t.includes('public'))).toHaveLength(1);
    expect(alerts.filter((t) => t.includes('CSHARED') && t.includes('another organisation'))).toHaveLength(1);
  });

  it('sends only `everyone` requests to an allow_public channel', async () => {
    const config = testConfig({ channels: [{ platform: 'slack', id: 'CPUBLIC', audience: 'staff', allowPublic: true }] });
    const week = testWeek(WEEK, [{ region: 'africa-europe' }, { region: 'latin-america', audience: 'everyone' }]);
    h = await harness(config, [week], '2026-10-13T13:00:30Z');
    h.slack.channels.set('CPUBLIC', { state: 'ok', isPublic: true, externallyShared: false, outsiderViewers: [] });
    await h.bot.sweep();
    expect(h.slack.messages.map((m) => m.doc.sections[0]!.heading)).toEqual(['Latin America']);
  });

  it('refuses a staff channel that people outside the viewer roles can see', async () => {
    const config = testConfig({ channels: [{ platform: 'discord', id: '42', audience: 'staff', allowPublic: false }] });
    h = await harness(config, [testWeek(WEEK)], '2026-10-12T13:00:30Z');
    h.discord.channels.set('42', { state: 'ok', isPublic: false, externallyShared: false, outsiderViewers: ['role @everyone (1)'] });
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['refused']);
    expect(h.discord.messages).toHaveLength(0);
    expect(h.slack.staffTexts[0]!.text).toContain('role @everyone');
  });
});
