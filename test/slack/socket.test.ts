// The same reactions and /pray over Socket Mode: the real Bolt SocketModeReceiver against the
// fake's apps.connections.open and WebSocket.
import { describe, expect, it } from 'vitest';
import { harnessPerTest } from './harness.js';
import { doc } from './samples.js';

const harness = harnessPerTest();

describe('Socket Mode', () => {
  it('connects with the app-level token and has no HTTP handler', async () => {
    const h = await harness({ mode: 'socket' });
    await h.slack.socket.connected();
    expect(h.platform.mode).toBe('socket');
    expect(h.platform.httpHandler).toBeUndefined();
    expect(h.platform.ready()).toBe(true);
    expect(h.slack.callsTo('apps.connections.open').map((c) => c.auth)).toEqual(['app']);
  });

  it('acknowledges reaction events and delivers only 🙏 from people', async () => {
    const h = await harness({ mode: 'socket' });
    await h.slack.socket.connected();
    const ts = h.slack.postAsBot('C0STAFF01', 'post');
    const added = h.slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray::skin-tone-3');
    const own = h.slack.react('C0STAFF01', ts, h.slack.botUserId, 'pray');
    const other = h.slack.react('C0STAFF01', ts, 'U0VOLUNT2', 'tada');
    const removed = h.slack.unreact('C0STAFF01', ts, 'U0VOLUNT1', 'pray::skin-tone-3');

    for (const body of [added, own, other, removed]) {
      const ack = await h.slack.socket.sendEvent({ ...body });
      expect(ack.envelope_id).toMatch(/^env-/);
    }
    await h.inbound.reactionsReach(2);

    expect(h.inbound.reactions).toEqual([
      expect.objectContaining({ channelId: 'C0STAFF01', messageId: ts, userId: 'U0VOLUNT1', variant: 'pray::skin-tone-3', present: true, eventId: added.event_id }),
      expect.objectContaining({ userId: 'U0VOLUNT1', variant: 'pray::skin-tone-3', present: false, eventId: removed.event_id }),
    ]);
  });

  it('answers /pray ephemerally in the envelope acknowledgement', async () => {
    const h = await harness({ mode: 'socket' });
    await h.slack.socket.connected();
    h.inbound.answer = (c) => (c.text === '' ? { kind: 'post', doc: doc() } : { kind: 'text', text: 'Unknown region. Regions: Latin America & more' });

    const text = await h.slack.socket.sendSlashCommand({ text: 'atlantis', user_id: 'U0VOLUNT1', channel_id: 'C0STAFF01' });
    const post = await h.slack.socket.sendSlashCommand({ text: '', user_id: 'U0VOLUNT1', channel_id: 'D0DIRECT1' });

    expect(text.payload).toEqual({ response_type: 'ephemeral', text: 'Unknown region. Regions: Latin America &amp; more' });
    expect(post.payload).toMatchObject({ response_type: 'ephemeral', text: "Today's prayer: Latin America" });
    expect(h.inbound.prays.map((p) => [p.channelId, p.userId, p.text])).toEqual([
      ['C0STAFF01', 'U0VOLUNT1', 'atlantis'],
      ['D0DIRECT1', 'U0VOLUNT1', ''],
    ]);
  });

  it('reconnects when Slack asks it to, and keeps delivering', async () => {
    const h = await harness({ mode: 'socket' });
    await h.slack.socket.connected();
    h.slack.socket.requestReconnect();
    await until(() => h!.slack.callsTo('apps.connections.open').length === 2 && h!.slack.socket.connectionCount === 1);
    const ts = h.slack.postAsBot('C0STAFF01', 'post');
    await h.slack.socket.sendEvent({ ...h.slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray') });
    await h.inbound.reactionsReach(1);
    expect(h.inbound.reactions).toHaveLength(1);
  });

  it('fails to start with a clear error when the app token is refused', async () => {
    const h = await harness({ mode: 'socket', start: false });
    h.slack.failNext('apps.connections.open', { kind: 'error', error: 'invalid_auth' });
    await expect(h.platform.start(h.inbound)).rejects.toMatchObject({ code: 'forbidden' });
    expect(h.platform.ready()).toBe(false);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
}
