import { afterEach, describe, expect, it } from 'vitest';
import type { ReactionEvent } from '../../src/core/ports.js';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import { harness, type Harness } from './harness.js';

const WEEK = '2026-10-12';
let h: Harness;
afterEach(async () => h?.close());

async function posted(): Promise<{ messageId: string; count: () => Promise<number> }> {
  h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T13:00:30Z');
  await h.bot.sweep();
  const messageId = h.slack.messages[0]!.id;
  return { messageId, count: async () => (await h.bot.tally(WEEK)).total };
}

let seq = 0;
function event(messageId: string, userId: string, present: boolean, orderMicros: number, extra: Partial<ReactionEvent> = {}): ReactionEvent {
  seq += 1;
  return { platform: 'slack', channelId: 'C0STAFF01', messageId, userId, variant: 'pray', present, orderMicros, eventId: `Ev${seq}`, ...extra };
}

describe('the tally', () => {
  it('counts a person once per post, whatever variants they hold, and only while they hold one', async () => {
    const { messageId, count } = await posted();
    await h.bot.reaction(event(messageId, 'U1', true, 1_000));
    await h.bot.reaction(event(messageId, 'U1', true, 2_000, { variant: 'pray::skin-tone-4' }));
    await h.bot.reaction(event(messageId, 'U2', true, 3_000, { variant: 'pray::skin-tone-2' }));
    expect(await count()).toBe(2);
    // Removing one variant while holding another still counts.
    await h.bot.reaction(event(messageId, 'U1', false, 4_000));
    expect(await count()).toBe(2);
    await h.bot.reaction(event(messageId, 'U1', false, 5_000, { variant: 'pray::skin-tone-4' }));
    expect(await count()).toBe(1);
  });

  it('ignores a retried event_id, and a late retried add cannot undo a newer remove', async () => {
    const { messageId, count } = await posted();
    const add = event(messageId, 'U1', true, 1_000, { eventId: 'EvADD' });
    await h.bot.reaction(add);
    await h.bot.reaction({ ...add });
    await h.bot.reaction({ ...add });
    expect(await count()).toBe(1);
    await h.bot.reaction(event(messageId, 'U1', false, 2_000, { eventId: 'EvREMOVE' }));
    // Slack delivers the add again, late (a retry whose first delivery was lost).
    await h.bot.reaction(event(messageId, 'U1', true, 1_000, { eventId: 'EvADD-retry-unseen' }));
    expect(await count()).toBe(0);
  });

  it('orders by event time, not arrival: a remove that arrives before its add wins', async () => {
    const { messageId, count } = await posted();
    await h.bot.reaction(event(messageId, 'U1', false, 2_000));
    await h.bot.reaction(event(messageId, 'U1', true, 1_000));
    expect(await count()).toBe(0);
  });

  it('ignores reactions on messages that are not posts', async () => {
    const { count } = await posted();
    await h.bot.reaction(event('some-other-message', 'U1', true, 1_000));
    expect(await count()).toBe(0);
  });

  it('reconciles a post from the platform snapshot (after a gap), which older events cannot undo', async () => {
    const { messageId, count } = await posted();
    await h.bot.reaction(event(messageId, 'U1', true, 1_000));
    h.slack.reactions.set(messageId, [
      { userId: 'U2', variant: 'pray' },
      { userId: 'U3', variant: 'pray::skin-tone-5' },
      { userId: 'U3', variant: 'pray' },
    ]);
    await h.bot.resync('slack');
    expect(await count()).toBe(2);
    // An event older than the snapshot arrives late: the snapshot stands.
    await h.bot.reaction(event(messageId, 'U1', true, 2_000));
    expect(await count()).toBe(2);
  });

  // That nobody is stored by id — in any table, column or byte of the file — is checked on a
  // real SQLite file in forgotten-bytes.test.ts.
});

describe('forgetting a week', () => {
  it('deletes the key and hashes after the last expiry and keeps the counts', async () => {
    const { messageId, count } = await posted();
    await h.bot.reaction(event(messageId, 'U1', true, 1_000));
    await h.bot.reaction(event(messageId, 'U2', true, 1_001));
    // retention_days 14: the Monday post expires at 00:00 on 2026-10-26; the week's last
    // request (Friday) at 00:00 on 2026-10-30.
    h.clock.set('2026-10-29T12:00:00Z');
    await h.bot.retire();
    expect(await h.store.weeksWithKeys()).toEqual([WEEK]);
    h.clock.set('2026-10-30T04:00:01Z');
    const actions = await h.bot.retire();
    expect(actions.some((a) => a.action === 'forget-week' && a.post === WEEK)).toBe(true);
    expect(await h.store.weeksWithKeys()).toEqual([]);
    expect(await h.store.weekKey(WEEK, h.clock.now())).toBeUndefined();
    expect(await count()).toBe(2);
  });
});
