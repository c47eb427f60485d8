// A post whose sender died after the message landed is recorded later by whoever recovers
// it (a survivor, or the restarted process). People react as soon as they see the message.
// Their 🙏 from that time reached the bot while the ledger did not know the message yet.
// The recovery must still count them.
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import { harness, type Harness } from '../core/harness.js';

const WEEK = '2026-10-12';
let h: Harness;
afterEach(async () => h?.close());

describe('a post recovered from the platform', () => {
  it("counts the 🙏 given while its sender was dead", async () => {
    h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T13:00:30Z');
    h.slack.loseNextAnswer = true; // the message lands; the sender never learns it did
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['failed']);
    const message = h.slack.messages[0]!;

    // Two people pray before anyone has recorded the post: the events find no live post.
    h.slack.reactions.set(message.id, [
      { userId: 'U0VOL1', variant: 'pray' },
      { userId: 'U0VOL2', variant: 'pray::skin-tone-2' },
    ]);
    for (const userId of ['U0VOL1', 'U0VOL2']) {
      await h.bot.reaction({ platform: 'slack', channelId: 'C0STAFF01', messageId: message.id, userId, variant: 'pray', present: true, orderMicros: h.clock.now().getTime() * 1000, eventId: `Ev${userId}` });
    }
    await h.bot.drain();
    expect((await h.bot.tally(WEEK)).total).toBe(0);

    h.clock.advance(60_000);
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['recovered']);
    expect((await h.bot.tally(WEEK)).total).toBe(2);
  });
});
