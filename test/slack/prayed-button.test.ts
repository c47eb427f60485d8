// The private "I prayed" button through the real Bolt app: the post carries it, a signed
// block_actions request (or a Socket Mode envelope) reaches the core as a press, and the
// answer goes to the presser alone.
import { afterEach, describe, expect, it } from 'vitest';
import { renderPrayAnswer } from '../../src/platforms/slack/render.js';
import { startHarness, type Harness } from './harness.js';
import { doc, part, signal } from './samples.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const BUTTON = { label: '🙏 I prayed', postKey: 'slack:C0STAFF01:2026-10-13:0' };

async function postWithButton(harness: Harness): Promise<string> {
  const sent = await harness.platform.sendPost(part(), doc({ prayedButton: BUTTON }), signal());
  return sent.messageId;
}

describe('the "I prayed" button on Slack', () => {
  it('is an actions block under the post whose value names the post, and only where the document asks', async () => {
    h = await startHarness();
    const ts = await postWithButton(h);
    expect(h.slack.buttons('C0STAFF01', ts)).toEqual([
      { blockId: 'prayerbot_prayed', actionId: 'prayerbot_prayed', text: '🙏 I prayed', value: 'prayed:slack:C0STAFF01:2026-10-13:0' },
    ]);
    const plain = await h.platform.sendPost(part(undefined, '2026-10-14'), doc(), signal());
    expect(h.slack.buttons('C0STAFF01', plain.messageId)).toEqual([]);
    expect(() => h!.slack.press('C0STAFF01', plain.messageId, 'U0VOLUNT1')).toThrow(/no button/);
    // A /pray answer is a copy for one person: no button on it.
    expect(JSON.stringify(renderPrayAnswer({ kind: 'post', doc: doc({ prayedButton: BUTTON }) }))).not.toContain('prayerbot_prayed');
  });

  it('keeps the button through an edit and loses it with the retirement notice', async () => {
    h = await startHarness();
    const ts = await postWithButton(h);
    await h.platform.editPost('C0STAFF01', ts, doc({ prayedButton: BUTTON, sections: [{ heading: 'Latin America', items: [{ text: 'Still current.' }] }] }));
    expect(h.slack.buttons('C0STAFF01', ts)).toHaveLength(1);
    await h.platform.retirePost('C0STAFF01', ts, 'edit', 'This prayer request has been retired.');
    expect(h.slack.buttons('C0STAFF01', ts)).toEqual([]);
  });

  it('hands a signed press to the core and answers only the presser, ephemerally', async () => {
    h = await startHarness();
    const ts = await postWithButton(h);
    const before = JSON.stringify(h.slack.messages('C0STAFF01'));
    h.inbound.pressAnswer = () => ({ counted: true, stillCountedByReaction: false, text: 'Counted — thank you.' });

    const answer = await h.signer.action(h.slack.press('C0STAFF01', ts, 'U0VOLUNT1'));
    expect(answer.status).toBe(200);
    expect(h.inbound.presses).toEqual([{ platform: 'slack', channelId: 'C0STAFF01', messageId: ts, userId: 'U0VOLUNT1', orderMicros: expect.any(Number) }]);
    expect(h.slack.ephemerals).toEqual([{ channel: 'C0STAFF01', user: 'U0VOLUNT1', text: 'Counted — thank you.', via: 'response_url' }]);
    expect(h.slack.responses.map((r) => r.body)).toEqual([{ response_type: 'ephemeral', replace_original: false, text: 'Counted — thank you.' }]);
    // The channel shows nothing new: not the answer, not who pressed.
    expect(JSON.stringify(h.slack.messages('C0STAFF01'))).toBe(before);
    expect(h.logs.filter((line) => line.includes('U0VOLUNT1'))).toEqual([]);
  });

  it('orders presses by their action_ts', async () => {
    h = await startHarness();
    const ts = await postWithButton(h);
    const first = h.slack.press('C0STAFF01', ts, 'U0VOLUNT1');
    await h.signer.action(first);
    const actionTs = (first.actions as Array<{ action_ts: string }>)[0]!.action_ts;
    const [sec, frac] = actionTs.split('.');
    expect(h.inbound.presses[0]!.orderMicros).toBe(Number(sec) * 1_000_000 + Number(frac));
  });

  it('says "taken back" to the presser alone, and apologises when the core fails — logging no user id', async () => {
    h = await startHarness();
    const ts = await postWithButton(h);
    h.inbound.pressAnswer = () => ({ counted: false, stillCountedByReaction: true, text: 'Your press is taken back, but the 🙏 you added to this post still counts — thank you.' });
    await h.signer.action(h.slack.press('C0STAFF01', ts, 'U0VOLUNT1'));
    h.inbound.pressAnswer = () => {
      throw new Error('store unavailable for U0VOLUNT1 (test)');
    };
    await h.signer.action(h.slack.press('C0STAFF01', ts, 'U0VOLUNT1'));
    expect(h.slack.ephemerals.map((e) => [e.user, e.text])).toEqual([
      ['U0VOLUNT1', 'Your press is taken back, but the 🙏 you added to this post still counts — thank you.'],
      ['U0VOLUNT1', 'Sorry, your press could not be recorded. Please try again in a minute.'],
    ]);
    expect(h.logs.some((line) => line.includes('"I prayed\\" press failed'))).toBe(true);
    expect(h.logs.filter((line) => line.includes('U0VOLUNT1'))).toEqual([]);
  });

  it('answers through chat.postEphemeral when the payload carries no response_url', async () => {
    h = await startHarness();
    const ts = await postWithButton(h);
    await h.signer.action(h.slack.press('C0STAFF01', ts, 'U0VOLUNT1', { withoutResponseUrl: true }));
    expect(h.slack.ephemerals).toEqual([{ channel: 'C0STAFF01', user: 'U0VOLUNT1', text: 'Counted — thank you.', via: 'chat.postEphemeral' }]);
  });

  it('refuses a forged press before the core hears of it', async () => {
    h = await startHarness();
    const ts = await postWithButton(h);
    expect((await h.signer.action(h.slack.press('C0STAFF01', ts, 'U0VOLUNT1'), { signature: 'bad' })).status).toBe(401);
    expect(h.inbound.presses).toEqual([]);
    expect(h.slack.ephemerals).toEqual([]);
  });

  it('takes presses over Socket Mode too', async () => {
    h = await startHarness({ mode: 'socket' });
    await h.slack.socket.connected();
    const ts = await postWithButton(h);
    const ack = await h.slack.socket.sendInteractive(h.slack.press('C0STAFF01', ts, 'U0VOLUNT1'));
    expect(ack.envelope_id).toMatch(/^env-/);
    for (let i = 0; i < 200 && h.slack.ephemerals.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(h.inbound.presses.map((p) => [p.channelId, p.messageId, p.userId])).toEqual([['C0STAFF01', ts, 'U0VOLUNT1']]);
    expect(h.slack.ephemerals).toEqual([{ channel: 'C0STAFF01', user: 'U0VOLUNT1', text: 'Counted — thank you.', via: 'response_url' }]);
  });
});
