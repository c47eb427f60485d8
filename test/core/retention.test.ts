import { afterEach, describe, expect, it } from 'vitest';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import { harness, type Harness } from './harness.js';

const WEEK = '2026-10-12';
let h: Harness;
afterEach(async () => h?.close());

describe('retention', () => {
  it('deletes a post at 00:00 of its expiry date in the org zone, and ends its reaction window', async () => {
    h = await harness(testConfig(), [testWeek(WEEK, [{ region: 'africa-europe', expires: '2026-10-15' }])], '2026-10-12T13:00:30Z');
    await h.bot.sweep();
    const [message] = h.slack.messages;
    h.clock.set('2026-10-15T03:59:00Z'); // 23:59 EDT on the 14th
    expect(await h.bot.retire()).toEqual([]);
    h.clock.set('2026-10-15T04:00:00Z'); // 00:00 EDT on the 15th
    const actions = await h.bot.retire();
    expect(actions.map((a) => [a.action, a.done])).toEqual([['retire', true]]);
    expect(message!.deleted).toBe(true);
    expect((await h.store.getPost('slack:C0STAFF01:2026-10-12:0'))?.state).toBe('retired');
    await h.bot.reaction({ platform: 'slack', channelId: 'C0STAFF01', messageId: message!.id, userId: 'U1', variant: 'pray', present: true, orderMicros: 1 });
    expect((await h.bot.tally(WEEK)).total).toBe(0);
    expect((await h.store.listAudit(10)).some((e) => e.action === 'retire')).toBe(true);
  });

  it('edits instead of deleting with `retire: edit`', async () => {
    h = await harness(testConfig({ retire: 'edit' }), [testWeek(WEEK)], '2026-10-12T13:00:30Z');
    await h.bot.sweep();
    h.clock.set('2026-10-27T12:00:00Z');
    await h.bot.retire();
    expect(h.slack.messages[0]!.deleted).toBe(false);
    expect(h.slack.messages[0]!.editedTo).toContain('retired');
  });

  it('edits a post to drop the requests that expired and keeps the rest', async () => {
    const week = testWeek(WEEK, [
      { region: 'africa-europe', expires: '2026-10-14' },
      { region: 'africa-europe', title: 'Still current' },
    ]);
    h = await harness(testConfig(), [week], '2026-10-12T13:00:30Z');
    await h.bot.sweep();
    h.clock.set('2026-10-14T12:00:00Z');
    const actions = await h.bot.retire();
    expect(actions.map((a) => a.action)).toEqual(['edit']);
    const doc = h.slack.messages[0]!.doc;
    expect(doc.sections[0]!.items.map((i) => i.title)).toEqual(['Still current']);
    expect((await h.store.getPost('slack:C0STAFF01:2026-10-12:0'))?.requestKeys).toEqual([`${WEEK}/africa-europe-2`]);
  });
});

describe('retract', () => {
  it('takes every copy down now, is never posted again, and `--undo` lets it be posted again', async () => {
    const week = testWeek(WEEK, [{ region: 'africa-europe', audience: 'everyone' }]);
    h = await harness(testConfig(), [week], '2026-10-12T13:00:30Z');
    await h.bot.sweep();
    expect(h.slack.visible()).toHaveLength(1);
    expect(h.discord.visible()).toHaveLength(1);

    await h.bot.retract(`${WEEK}/africa-europe-1`);
    expect(h.slack.visible()).toHaveLength(0);
    expect(h.discord.visible()).toHaveLength(0);
    // Neither the sweep nor a manual post sends it again.
    h.clock.advance(60_000);
    await h.bot.sweep();
    await h.bot.postDay(WEEK, { manual: true });
    expect(h.slack.visible()).toHaveLength(0);
    const answer = await h.bot.pray({ platform: 'slack', channelId: 'C0STAFF01', userId: 'U1', roleIds: [], text: 'africa' });
    expect(answer.kind).toBe('text');

    await h.bot.retract(`${WEEK}/africa-europe-1`, { undo: true });
    await h.bot.postDay(WEEK, { manual: true });
    expect(h.slack.visible()).toHaveLength(1);
    const audit = (await h.store.listAudit(20)).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['retract', 'retract-undo']));
  });

  it('retracting a week also forgets its reactor hashes, keeping the counts', async () => {
    h = await harness(testConfig(), [testWeek(WEEK)], '2026-10-12T13:00:30Z');
    await h.bot.sweep();
    await h.bot.reaction({ platform: 'slack', channelId: 'C0STAFF01', messageId: h.slack.messages[0]!.id, userId: 'U1', variant: 'pray', present: true, orderMicros: 1 });
    await h.bot.retract(WEEK);
    expect(await h.store.weeksWithKeys()).toEqual([]);
    expect((await h.bot.tally(WEEK)).total).toBe(1);
  });
});
