// The private "I prayed" button in the core: a press counts like a 🙏 of the same person, the
// next press takes it back, reaction snapshots leave presses alone, and a post that is down
// counts no press.
import { afterEach, describe, expect, it } from 'vitest';
import type { PrayedButtonPress, ReactionEvent } from '../../src/core/ports.js';
import { STAFF_SLACK, testConfig, testWeek } from '../../src/core/plan/testing.js';
import { harness, type Harness } from './harness.js';

const WEEK = '2026-10-12';
let h: Harness;
afterEach(async () => h?.close());

async function posted(options: { prayedButton?: boolean; retire?: 'delete' | 'edit'; expires?: string } = {}) {
  const channel = { ...STAFF_SLACK, ...(options.prayedButton === false ? {} : { prayedButton: true }) };
  const week = testWeek(WEEK, [{ region: 'africa-europe', ...(options.expires ? { expires: options.expires } : {}) }, { region: 'africa-europe', title: 'Still current' }]);
  h = await harness(testConfig({ channels: [channel], retire: options.retire ?? 'delete' }), [week], '2026-10-12T13:00:30Z');
  await h.bot.sweep();
  const message = h.slack.messages[0]!;
  return { message, count: async () => (await h.bot.tally(WEEK)).total };
}

let order = 1_000;
function press(messageId: string, userId = 'U1'): PrayedButtonPress {
  order += 1_000;
  return { platform: 'slack', channelId: 'C0STAFF01', messageId, userId, orderMicros: order };
}
function react(messageId: string, userId: string, present: boolean): ReactionEvent {
  order += 1_000;
  return { platform: 'slack', channelId: 'C0STAFF01', messageId, userId, variant: 'pray', present, orderMicros: order };
}

describe('the "I prayed" button', () => {
  it('is on the posts of a channel that asks for it, naming the post, and not elsewhere', async () => {
    const { message } = await posted();
    expect(message.doc.prayedButton).toEqual({ label: '🙏 I prayed', postKey: 'slack:C0STAFF01:2026-10-12:0' });
    await h.close();
    const without = await posted({ prayedButton: false });
    expect(without.message.doc.prayedButton).toBeUndefined();
  });

  it('counts a press, and takes it back on the next press', async () => {
    const { message, count } = await posted();
    expect(await h.bot.prayedButton(press(message.id))).toEqual({ counted: true, stillCountedByReaction: false, text: 'Counted — thank you.' });
    expect(await count()).toBe(1);
    const back = await h.bot.prayedButton(press(message.id));
    expect(back).toMatchObject({ counted: false, stillCountedByReaction: false });
    expect('text' in back && back.text).toMatch(/^Taken back/);
    expect(await count()).toBe(0);
  });

  it('counts a person once whether they react, press or both, and either one alone keeps them counted', async () => {
    const { message, count } = await posted();
    await h.bot.reaction(react(message.id, 'U1', true));
    await h.bot.prayedButton(press(message.id, 'U1'));
    await h.bot.prayedButton(press(message.id, 'U2'));
    await h.bot.drain();
    expect(await count()).toBe(2);
    // The 🙏 goes; the press holds.
    await h.bot.reaction(react(message.id, 'U1', false));
    expect(await count()).toBe(2);
    // And the reverse: the press goes while a 🙏 holds — the answer says it still counts.
    await h.bot.reaction(react(message.id, 'U2', true));
    const back = await h.bot.prayedButton(press(message.id, 'U2'));
    expect(back).toMatchObject({ counted: false, stillCountedByReaction: true });
    expect('text' in back && back.text).toContain('the 🙏 you added to this post still counts');
    expect(await count()).toBe(2);
  });

  it('keeps presses through a resync, which replaces only the reactions', async () => {
    const { message, count } = await posted();
    await h.bot.prayedButton(press(message.id, 'U1'));
    await h.bot.reaction(react(message.id, 'U2', true));
    await h.bot.drain();
    h.clock.advance(60_000);
    // After a gap the platform lists U3's 🙏 only: U2's is gone, and presses are never listed.
    h.slack.reactions.set(message.id, [{ userId: 'U3', variant: 'pray' }]);
    await h.bot.resync('slack');
    expect(await count()).toBe(2); // U1 (pressed) and U3
    expect(await h.bot.prayedButton(press(message.id, 'U1'))).toMatchObject({ counted: false });
    expect(await count()).toBe(1);
  });

  it('refuses a press on a retired post, counting nothing, and on anything that is not a post', async () => {
    const { message, count } = await posted({ expires: '2026-10-14' });
    h.clock.set('2026-10-27T12:00:00Z');
    await h.bot.retire();
    expect(message.deleted).toBe(true);
    expect(await h.bot.prayedButton(press(message.id))).toEqual({ refused: 'retired', text: expect.stringContaining('retired') });
    expect(await h.bot.prayedButton(press('not-a-post'))).toEqual({ refused: 'not_a_post', text: expect.stringContaining('not a current prayer post') });
    expect(await count()).toBe(0);
  });

  it('keeps the button through a partial expiry and drops it with the retirement notice', async () => {
    const { message } = await posted({ retire: 'edit', expires: '2026-10-14' });
    h.clock.set('2026-10-14T12:00:00Z');
    await h.bot.retire();
    expect(h.slack.calls.some((c) => c.method === 'editPost')).toBe(true);
    expect(message.doc.sections.flatMap((s) => s.items.map((i) => i.title))).toEqual(['Still current']);
    expect(message.doc.prayedButton?.postKey).toBe('slack:C0STAFF01:2026-10-12:0');
    expect(await h.bot.prayedButton(press(message.id))).toMatchObject({ counted: true });
    h.clock.set('2026-10-27T12:00:00Z');
    await h.bot.retire();
    expect(message.editedTo).toContain('retired');
    expect(await h.bot.prayedButton(press(message.id))).toMatchObject({ refused: 'retired' });
  });
});
