import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/core/ports.js';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import { bar, digestText, summarize } from '../../src/core/tally.js';
import { harness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.close());

describe('the staff digest', () => {
  it('gives totals per region and platform with bars, the change from last week, failures and a missing-plan reminder', async () => {
    const config = testConfig();
    h = await harness(config, [testWeek('2026-10-05'), testWeek('2026-10-12', [{ region: 'africa-europe', audience: 'everyone' }, { region: 'latin-america' }])], '2026-10-05T13:00:30Z');
    await h.bot.sweep();
    const lastWeekPost = h.slack.messages[0]!.id;
    await h.bot.reaction({ platform: 'slack', channelId: 'C0STAFF01', messageId: lastWeekPost, userId: 'U1', variant: 'pray', present: true, orderMicros: 1 });

    h.clock.set('2026-10-12T13:00:30Z');
    await h.bot.sweep();
    const slackPost = h.slack.messages.find((m) => m.ledgerKey.includes('2026-10-12'))!.id;
    const discordPost = h.discord.messages[0]!.id;
    for (const user of ['U1', 'U2', 'U3']) await h.bot.reaction({ platform: 'slack', channelId: 'C0STAFF01', messageId: slackPost, userId: user, variant: 'pray', present: true, orderMicros: 2 });
    await h.bot.reaction({ platform: 'discord', channelId: '112233445566778899', messageId: discordPost, userId: '55', variant: '🙏', present: true, orderMicros: 3 });

    // Tuesday's slack post fails for good.
    h.clock.set('2026-10-13T13:00:30Z');
    h.slack.sendFailures.push(new PlatformError('forbidden', 'not_in_channel'));
    await h.bot.sweep();
    h.clock.set('2026-10-16T20:00:00Z');
    expect(await h.bot.digest()).toBe(true);
    expect(await h.bot.digest()).toBe(false); // once per slot
    const text = h.slack.staffTexts.at(-1)!.text;
    expect(text).toContain('Prayer tally for the week of 2026-10-12: 4 🙏 in all (+3 on last week)');
    expect(text).toMatch(/Africa & Europe\s+4 █+\s+\+3/);
    expect(text).toMatch(/slack\s+3 █+/);
    expect(text).toMatch(/discord\s+1 █+/);
    expect(text).toContain('Tuesday, October 13, 2026 to slack:C0STAFF01: failed (PlatformError: not_in_channel)');
    expect(text).toContain('Reminder: there is no plan for next week yet (prompts/2026-10-19.yaml).');
    expect(text).not.toMatch(/U1|U2|U3|55/);
  });

  it('lists failures and refusals of the week', () => {
    const text = digestText({ week: '2026-10-12', regions: testConfig().regions, thisWeek: summarize([]), problems: ['Tuesday, October 13, 2026 to slack:C1: failed (not_in_channel)'] });
    expect(text).toContain('Refusals and failures\n  • Tuesday, October 13, 2026 to slack:C1: failed (not_in_channel)');
  });

  it('draws bars in eighths, never empty for a non-zero value', () => {
    expect(bar(10, 10, 4)).toBe('████');
    expect(bar(5, 10, 4)).toBe('██');
    expect(bar(1, 80, 4)).toBe('▏');
    expect(bar(0, 10, 4)).toBe('');
  });
});
