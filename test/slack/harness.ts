// Starts the fake Slack, the real adapter against it and (HTTP mode) an HTTP server that mounts
// the adapter's handler the way src/main.ts does, plus a signer aimed at it. Logs are kept
// in memory so tests can check what they reveal.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach } from 'vitest';
import type { Clock } from '../../src/core/ports.js';
import { createSlackPlatform, type SlackPlatform, type SlackPlatformOptions } from '../../src/platforms/slack/index.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/slack-api.js';
import { createSlackSigner, type SlackSigner } from '../fakes/slack-signer.js';
import { RecordingInbound } from '../fakes/recording-inbound.js';

export interface Harness {
  slack: FakeSlack;
  platform: SlackPlatform;
  inbound: RecordingInbound;
  /** HTTP mode only: signed requests to the adapter's /slack/events. */
  signer: SlackSigner;
  /** HTTP mode only: the app's origin. */
  appOrigin: string;
  /** Every log line written, as text. */
  logs: string[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  mode?: 'http' | 'socket';
  fake?: FakeSlackOptions;
  platform?: Partial<SlackPlatformOptions>;
  /** Default true: start the adapter (auth.test, listeners, socket). */
  start?: boolean;
  clock?: Clock;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const slack = await startFakeSlack(options.fake);
  const logs: string[] = [];
  // Level debug on purpose: the adapter must still keep library debug output (bodies) out.
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const mode = options.mode ?? 'http';
  const platform = createSlackPlatform({
    botToken: slack.botToken,
    ...(mode === 'http' ? { signingSecret: slack.signingSecret } : { appToken: slack.appToken }),
    apiUrl: slack.url,
    reaction: 'pray',
    logger,
    clock: options.clock ?? { now: () => new Date() },
    timeoutMs: 1_000,
    ...options.platform,
  });
  const inbound = new RecordingInbound();
  let server: Server | undefined;
  let appOrigin = '';
  if (platform.httpHandler) {
    const handler = platform.httpHandler;
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  if (options.start !== false) await platform.start(inbound);
  const signer = createSlackSigner({ url: `${appOrigin}/slack/events`, signingSecret: slack.signingSecret });
  return {
    slack,
    platform,
    inbound,
    signer,
    appOrigin,
    logs,
    async stop() {
      await platform.stop();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      await slack.stop();
    },
  };
}

/**
 * startHarness for a test file, with `defaults` under each call's options: every harness it
 * starts is stopped after its test. Call once, at the top of the file.
 */
export function harnessPerTest(defaults: HarnessOptions = {}): (options?: HarnessOptions) => Promise<Harness> {
  const started: Harness[] = [];
  afterEach(async () => {
    for (const h of started.splice(0)) await h.stop();
  });
  return async (options = {}) => {
    const h = await startHarness({ ...defaults, ...options });
    started.push(h);
    return h;
  };
}
