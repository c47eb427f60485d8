// Signed Slack requests over HTTP through the real Bolt HTTPReceiver: reactions reach the core
// as facts, forged or stale or future requests reach nothing, /pray answers only the caller.
import { afterEach, describe, expect, it } from 'vitest';
import { CodedError } from '../../src/core/errors.js';
import { startHarness, type Harness } from './harness.js';
import { doc } from './samples.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function withPost(): Promise<Harness & { ts: string }> {
  h = await startHarness();
  const ts = h.slack.postAsBot('C0STAFF01', 'the day’s post', {
    event_type: 'prayerbot_post',
    event_payload: { ledger_key: 'slack:C0STAFF01:2026-10-13:0' },
  });
  return { ...h, ts };
}

describe('reaction events', () => {
  it('delivers 🙏 adds and removes, every skin tone as its own variant, with event_id and exact event_ts', async () => {
    const { slack, signer, inbound, ts } = await withPost();
    const added = slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray');
    const toned = slack.react('C0STAFF01', ts, 'U0VOLUNT2', 'pray::skin-tone-4');
    const removed = slack.unreact('C0STAFF01', ts, 'U0VOLUNT1', 'pray');
    for (const body of [added, toned, removed]) expect((await signer.event({ ...body })).status).toBe(200);

    expect(inbound.reactions).toEqual([
      {
        platform: 'slack',
        channelId: 'C0STAFF01',
        messageId: ts,
        userId: 'U0VOLUNT1',
        variant: 'pray',
        present: true,
        orderMicros: micros(added.event.event_ts),
        eventId: added.event_id,
      },
      expect.objectContaining({ userId: 'U0VOLUNT2', variant: 'pray::skin-tone-4', present: true, eventId: toned.event_id }),
      expect.objectContaining({ userId: 'U0VOLUNT1', variant: 'pray', present: false, eventId: removed.event_id }),
    ]);
  });

  it('keeps microsecond order exact where a float would not', async () => {
    const { slack, signer, inbound, ts } = await withPost();
    const body = slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray');
    body.event.event_ts = '1791234567.000007';
    await signer.event(body);
    expect(inbound.reactions[0]!.orderMicros).toBe(1_791_234_567_000_007);
  });

  it("ignores other emoji, the bot's own reactions, and reactions on files", async () => {
    const { slack, signer, inbound, ts } = await withPost();
    const heart = slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'heart');
    const praise = slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'prayer_beads');
    const own = slack.react('C0STAFF01', ts, slack.botUserId, 'pray');
    const onFile = slack.eventCallback({
      type: 'reaction_added',
      user: 'U0VOLUNT1',
      reaction: 'pray',
      item: { type: 'file', file: 'F0FILE001' },
      item_user: 'U0VOLUNT1',
      event_ts: '1791234567.000100',
    });
    for (const body of [heart, praise, own, onFile]) expect((await signer.event(body)).status).toBe(200);

    expect(inbound.reactions).toEqual([]);
  });

  it("passes Slack's redelivery with the same event_id, for the core to de-duplicate", async () => {
    const { slack, signer, inbound, ts } = await withPost();
    const body = slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray');
    await signer.event(body);
    await signer.event(body, { retryNum: 1 });
    expect(inbound.reactions.map((r) => r.eventId)).toEqual([body.event_id, body.event_id]);
  });

  it('answers 500 when the core cannot record a reaction, so Slack redelivers; the log names no one', async () => {
    const { slack, signer, inbound, logs, ts } = await withPost();
    inbound.failReactions = 1;
    const body = slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray');

    expect((await signer.event(body)).status).toBe(500);
    expect((await signer.event(body, { retryNum: 1 })).status).toBe(200);
    expect(inbound.reactions).toHaveLength(1);
    expect(logs.join('\n')).not.toContain('U0VOLUNT1');
  });
});

describe('request checks', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['a bad signature', { signature: 'bad' as const }],
    ['no signature', { signature: 'missing' as const }],
    ['a timestamp 6 minutes old', { timestamp: now() - 360 }],
    ['a timestamp 6 minutes in the future', { timestamp: now() + 360 }],
    ['a timestamp a day in the future', { timestamp: now() + 86_400 }],
    ['a timestamp that is not a number', { timestamp: Number.NaN }],
  ])('refuses %s with 401 and lets nothing through', async (_, options) => {
    const { slack, signer, inbound, ts } = await withPost();
    const event = await signer.event(slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray'), options);
    const command = await signer.command({ text: 'stats', user_id: 'U0COORD1', channel_id: 'C0STAFF01' }, options);

    expect([event.status, command.status]).toEqual([401, 401]);
    expect(inbound.reactions).toEqual([]);
    expect(inbound.prays).toEqual([]);
  });

  it('accepts a timestamp a little in the future (clock drift)', async () => {
    const { slack, signer, inbound, ts } = await withPost();
    const r = await signer.event(slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray'), { timestamp: now() + 60 });
    expect(r.status).toBe(200);
    expect(inbound.reactions).toHaveLength(1);
  });

  it('judges freshness by the wall clock (as Slack and Bolt do), not the domain clock a replay may move', async () => {
    h = await startHarness({ clock: { now: () => new Date(Date.now() + 10 * 60_000) } });
    const ts = h.slack.postAsBot('C0STAFF01', 'post');
    const r = await h.signer.event(h.slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray'));
    expect(r.status).toBe(200);
    expect(h.inbound.reactions).toHaveLength(1);
  });

  it('answers Slack’s URL verification challenge', async () => {
    h = await startHarness();
    const r = await h.signer.event({ type: 'url_verification', challenge: 'fictional-challenge', token: 'x' });
    expect(r.json).toEqual({ challenge: 'fictional-challenge' });
  });

  it('answers 503 before start (Slack retries), 404 elsewhere, 405 to GET', async () => {
    h = await startHarness({ start: false });
    const r = await h.signer.event(h.slack.eventCallback({ type: 'app_mention' }));
    expect(r.status).toBe(503);
    expect((await fetch(`${h.appOrigin}/elsewhere`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${h.appOrigin}/slack/events`)).status).toBe(405);
  });
});

describe('/pray over HTTP', () => {
  it('answers ephemerally with the core’s text, escaped, in the HTTP response', async () => {
    h = await startHarness();
    h.inbound.answer = () => ({ kind: 'text', text: 'Regions: Latin America, Asia & Pacific <!channel>' });

    const r = await h.signer.command({ text: 'nowhere', user_id: 'U0VOLUNT1', channel_id: 'C0STAFF01' });

    expect(r.status).toBe(200);
    expect(r.json).toEqual({ response_type: 'ephemeral', text: 'Regions: Latin America, Asia &amp; Pacific &lt;!channel&gt;' });
    expect(h.inbound.prays).toEqual([{ platform: 'slack', channelId: 'C0STAFF01', userId: 'U0VOLUNT1', roleIds: [], text: 'nowhere' }]);
  });

  it('renders monospace answers as a code block', async () => {
    h = await startHarness();
    h.inbound.answer = () => ({ kind: 'text', text: 'Latin America  ████ 4', monospace: true });
    const r = await h.signer.command({ text: 'stats', user_id: 'U0COORD1', channel_id: 'C0COORD01' });
    expect(r.json).toEqual({ response_type: 'ephemeral', text: '```\nLatin America  ████ 4\n```' });
  });

  it('renders a post answer as the same Block Kit as the post', async () => {
    h = await startHarness();
    h.inbound.answer = () => ({ kind: 'post', doc: doc() });
    const r = await h.signer.command({ text: '', user_id: 'U0VOLUNT1', channel_id: 'C0STAFF01' });
    expect(r.json).toMatchObject({ response_type: 'ephemeral', text: "Today's prayer: Latin America" });
    const blocks = r.json!.blocks as Array<{ type: string }>;
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context', 'context']);
  });

  it('says sorry, politely and only to the caller, when the core fails', async () => {
    h = await startHarness();
    h.inbound.answer = () => {
      throw new Error('database is locked');
    };
    const r = await h.signer.command({ text: 'week', user_id: 'U0VOLUNT1', channel_id: 'C0STAFF01' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ response_type: 'ephemeral' });
    expect(String(r.json!.text)).toMatch(/^Sorry/);
    expect(h.logs.join('\n')).not.toContain('U0VOLUNT1');
  });

  it('acknowledges in time when the core is slow and delivers the answer through response_url', async () => {
    h = await startHarness({ platform: { prayDeadlineMs: 50 } });
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    h.inbound.answer = async () => {
      await slow;
      return { kind: 'text', text: 'Latin America today' };
    };
    const responseUrl = `${h.slack.origin}/response/cmd-1`;

    const r = await h.signer.command({ text: 'latam', user_id: 'U0VOLUNT1', channel_id: 'C0STAFF01', response_url: responseUrl });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    release();
    await until(() => h!.slack.responses.length > 0);
    expect(h.slack.responses).toEqual([{ id: 'cmd-1', body: { response_type: 'ephemeral', text: 'Latin America today' } }]);
  });
  it('apologises through response_url when a slow core then fails', async () => {
    h = await startHarness({ platform: { prayDeadlineMs: 50 } });
    let fail!: () => void;
    const slow = new Promise<void>((_, reject) => (fail = () => reject(new Error('store unavailable (test)'))));
    h.inbound.answer = async () => {
      await slow;
      return { kind: 'text', text: 'never sent' };
    };
    const responseUrl = `${h.slack.origin}/response/cmd-2`;

    const r = await h.signer.command({ text: 'week', user_id: 'U0VOLUNT1', channel_id: 'C0STAFF01', response_url: responseUrl });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    fail();
    await until(() => h!.slack.responses.length > 0);
    expect(h.slack.responses).toEqual([{ id: 'cmd-2', body: { response_type: 'ephemeral', text: expect.stringMatching(/^Sorry/) } }]);
  });

  it('logs a failed /pray by its kind and code, never the words it carried', async () => {
    h = await startHarness();
    h.inbound.answer = () => {
      throw new CodedError('store_down', 'could not save "for the Example Street choir"');
    };
    await h.signer.command({ text: 'for the Example Street choir', user_id: 'U0VOLUNT1', channel_id: 'C0STAFF01' });
    const lines = h.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.msg === '/pray failed')).toMatchObject({ error: 'CodedError', code: 'store_down' });
    expect(h.logs.join('\n')).not.toContain('Example Street');
  });
});

describe('logs', () => {
  it('never contain the tokens, the signing secret, or who reacted', async () => {
    const { slack, signer, logs, ts } = await withPost();
    await signer.event(slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray'));
    await signer.event(slack.react('C0STAFF01', ts, 'U0VOLUNT2', 'pray'), { signature: 'bad' });
    await signer.event(slack.react('C0STAFF01', ts, 'U0VOLUNT3', 'pray'), { timestamp: Math.floor(Date.now() / 1000) + 3600 });
    const all = logs.join('\n');
    expect(all).not.toContain(slack.botToken);
    expect(all).not.toContain(slack.signingSecret);
    expect(all).not.toMatch(/U0VOLUNT/);
    expect(all).not.toMatch(/"level":20/); // no debug lines from the libraries, even at LOG_LEVEL=debug
  });
});

function micros(eventTs: unknown): number {
  const [sec, frac] = String(eventTs).split('.');
  return Number(sec) * 1_000_000 + Number(frac);
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
}
