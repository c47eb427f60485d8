// The real bot (startBot: store, core, scheduler, the real Bolt app and the coordinator page
// on one HTTP server) against the local fake Slack, on a temp SQLite store and PORT=0, with a
// fake clock so link expiry and "this week" are known. Sign-in links come from the same core
// use case as `/pray coordinator` and `prayerbot coordinator-link`.
import { PassThrough, Writable } from 'node:stream';
import { issueSignInLink } from '../../src/core/coordinator/sign-in.js';
import type { Env } from '../../src/env.js';
import { startBot } from '../../src/main.js';
import { FakeClock } from '../fakes/recording-platform.js';
import { startFakeSlack } from '../fakes/slack-api.js';
import { createSlackSigner } from '../fakes/slack-signer.js';
import type { SlackWorld } from '../e2e/bots.js';
import { configYaml, tempProject } from '../e2e/project.js';

export const SECRET = 'web-signing-secret-not-real';
/** Monday 2026-11-16, 10:00 in New York: the week of the sample update, an hour after the post time. */
export const MONDAY_10AM = '2026-11-16T15:00:00Z';
export const STAFF = 'slack:U0COORD1';

/** The e2e tests' Slack world, plus the page's address, the logs and sign-in links. */
export interface World extends SlackWorld {
  base: string;
  /** Every log line the bot wrote. */
  logs: () => string;
  link(actor?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  at?: string;
  env?: Partial<Env>;
  staff?: string;
  /** The config's channels block (default: one New York staff channel on Slack). */
  channels?: string;
  /** Week files in the prompts folder at start, by Monday. */
  weeks?: Record<string, string>;
}

export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const clock = new FakeClock(new Date(opts.at ?? MONDAY_10AM));
  const slack = await startFakeSlack({ now: () => clock.now().getTime(), signingSecret: SECRET });
  const project = tempProject(
    configYaml({
      channels: opts.channels ?? '  - { platform: slack, id: "C0STAFF01", audience: staff }',
      staffReport: '  - { platform: slack, id: "C0COORD01" }',
      ...(opts.staff ? { staff: opts.staff } : {}),
    }),
  );
  for (const [monday, yaml] of Object.entries(opts.weeks ?? {})) project.writeWeek(monday, yaml);
  let logText = '';
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logText += chunk.toString();
      done();
    },
  });
  const bot = await startBot({
    configPath: project.configPath,
    promptsDir: project.promptsDir,
    env: {
      slack: { botToken: slack.botToken, signingSecret: SECRET, apiUrl: slack.url },
      databaseUrl: `sqlite:${project.dbPath}`,
      port: 0,
      logLevel: 'info',
      ...opts.env,
    },
    secrets: [slack.botToken, SECRET],
    clock,
    input: new PassThrough(),
    output: new PassThrough(),
    logDestination,
  });
  const base = `http://127.0.0.1:${bot.port}`;
  const signer = createSlackSigner({ url: `${base}/slack/events`, signingSecret: SECRET });
  return {
    slack,
    bot,
    clock,
    project,
    signer,
    base,
    logs: () => logText,
    async link(actor = STAFF) {
      const { store, clock: realClock, publicUrl } = bot.coordinator;
      const issued = await issueSignInLink({ store, clock: realClock, actor, publicUrl: publicUrl() });
      if (!('url' in issued)) throw new Error('link refused');
      return issued.url;
    },
    async stop() {
      await bot.stop();
      await slack.stop();
      project.remove();
    },
  };
}
