// A load client in its own process: signed Slack requests (the `/pray` slash command, or
// `reaction_added` events) to a Slack receiver, `concurrency` at a time over keep-alive
// connections, `warmup` requests first (not timed), then `count` timed ones. Each latency runs
// from sending the request to the end of the response that carries the answer.
//
//   node --import tsx bench/load-client.ts '<json LoadSpec>'   → one JSON line (LoadResult)
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

export interface LoadSpec {
  url: string;
  signingSecret: string;
  kind: 'pray' | 'reaction';
  concurrency: number;
  warmup: number;
  count: number;
  /** The whole run stops here (ms), even if not every request was sent. */
  timeLimitMs: number;
  /** /pray: the channel and text; reaction: the channel and the message ts. */
  channelId: string;
  text?: string;
  messageTs?: string;
  /** A string every answer body must contain (checked on every response). */
  expect?: string;
}

export interface LoadResult {
  sent: number;
  timed: number;
  failures: number;
  /** Up to 3 failure descriptions. */
  failureSamples: string[];
  durationMs: number;
  /** Timed requests per second over the timed part. */
  rate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** One answer body, for the record. */
  sampleBody: string;
}

function sign(secret: string, body: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`,
  };
}

function prayBody(spec: LoadSpec, i: number): { body: string; type: string } {
  const form = new URLSearchParams({
    token: 'legacy-verification-token-unused',
    team_id: 'T0FAKE001',
    team_domain: 'fictional-org',
    channel_id: spec.channelId,
    channel_name: 'privategroup',
    user_id: `U0VOL${(i % 997).toString().padStart(4, '0')}`,
    user_name: 'volunteer',
    command: '/pray',
    text: spec.text ?? '',
    api_app_id: 'A0PRAYBOT',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response/unused',
    trigger_id: `trigger-${i}`,
  });
  return { body: form.toString(), type: 'application/x-www-form-urlencoded' };
}

const runId = Date.now().toString(36).toUpperCase();

function reactionBody(spec: LoadSpec, i: number): { body: string; type: string } {
  const now = Date.now();
  const micros = String((now % 1000) * 1000 + (i % 1000)).padStart(6, '0');
  const event = {
    token: 'legacy-verification-token-unused',
    team_id: 'T0FAKE001',
    api_app_id: 'A0PRAYBOT',
    event: {
      type: 'reaction_added',
      user: `U${runId}${i.toString(36).toUpperCase().padStart(6, '0')}`,
      reaction: i % 5 === 0 ? 'pray::skin-tone-2' : 'pray',
      item: { type: 'message', channel: spec.channelId, ts: spec.messageTs },
      item_user: 'U0PRAYBOT',
      event_ts: `${Math.floor(now / 1000)}.${micros}`,
    },
    type: 'event_callback',
    event_id: `Ev${runId}${i.toString(36).toUpperCase().padStart(8, '0')}`,
    event_time: Math.floor(now / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0FAKE001', user_id: 'U0PRAYBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-bench-${i}`,
  };
  return { body: JSON.stringify(event), type: 'application/json' };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const total = spec.warmup + spec.count;
  const latencies: number[] = [];
  const failureSamples: string[] = [];
  let failures = 0;
  let next = 0;
  let sampleBody = '';
  let timedStart = 0;
  let timedEnd = 0;
  const deadline = performance.now() + spec.timeLimitMs;

  function once(i: number): Promise<void> {
    const { body, type } = spec.kind === 'pray' ? prayBody(spec, i) : reactionBody(spec, i);
    const headers = { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...sign(spec.signingSecret, body) };
    return new Promise((resolve) => {
      const t0 = performance.now();
      const fail = (why: string) => {
        failures += 1;
        if (failureSamples.length < 3) failureSamples.push(why);
        resolve();
      };
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t0;
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return fail(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
          if (spec.expect !== undefined && !text.includes(spec.expect)) return fail(`answer without "${spec.expect}": ${text.slice(0, 200)}`);
          if (i >= spec.warmup) {
            latencies.push(ms);
            timedEnd = performance.now();
          }
          if (!sampleBody) sampleBody = text.slice(0, 500);
          resolve();
        });
        res.on('error', (e) => fail(e.message));
      });
      req.on('error', (e) => fail(e.message));
      req.end(body);
    });
  }

  async function lane(): Promise<void> {
    while (next < total && performance.now() < deadline) {
      const i = next++;
      if (i === spec.warmup) timedStart = performance.now();
      await once(i);
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: spec.concurrency }, lane));
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const timedMs = timedEnd > timedStart ? timedEnd - timedStart : NaN;
  return {
    sent: next,
    timed: sorted.length,
    failures,
    failureSamples,
    durationMs: performance.now() - started,
    rate: (sorted.length / timedMs) * 1000,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    sampleBody,
  };
}

if (process.argv[2]) {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  runLoad(spec).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`load client failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
