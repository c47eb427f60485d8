// What the one-shot commands (post, tally, retire, retract) share: the environment, the plan,
// the store and — when a command must reach the chats — the platforms, torn down afterwards.
// The platforms are never started: a one-shot command talks REST (Slack's Web API, Discord's
// REST) and opens no gateway session or Socket Mode connection, so a running bot's shards and
// sockets are never disturbed (a second Discord session on a held shard would take its events,
// a second Socket Mode connection a share of Slack's).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { GlobalOptions } from '../cli.js';
import { CodedError } from '../core/errors.js';
import { type PlanState } from '../core/plan-state.js';
import { systemClock, type ChatPlatform } from '../core/ports.js';
import { PrayerBot } from '../core/prayer-bot.js';
import { formatProblem } from '../core/types.js';
import { EnvError, loadDotEnv, readEnv, secretValues, type Env } from '../env.js';
import { createLogger, redact } from '../logger.js';
import { loadPlan } from '../config/plan-source.js';
import { SavedWeekFeed } from '../config/saved-week-feed.js';
import { ConsolePlatform } from '../platforms/console/console-platform.js';
import { consoleConfig, createPlatforms, isConsoleMode } from '../runtime/platforms.js';
import { openStore } from '../store/open-store.js';

/** A command line the command cannot run (exit code 2). */
export class UsageError extends CodedError<'usage'> {
  constructor(message: string) {
    super('usage', message);
  }
}

export interface Session {
  env: Env;
  plan: PlanState;
  bot: PrayerBot;
  close(): Promise<void>;
}

/** Loads everything; with `platforms`, the REST side of every platform that has a token. */
export async function openSession(globals: GlobalOptions, opts: { platforms: boolean }): Promise<Session> {
  loadDotEnv();
  const secrets = secretValues();
  const env = readEnv();
  const log = await createLogger({ level: env.logLevel ?? 'warn', secrets, destination: process.stderr });
  const store = await openStore(env.databaseUrl);
  let platforms: ChatPlatform[] = [];
  try {
    // The plan includes the weeks saved on the coordinator page.
    const loaded = await loadPlan(globals.config, globals.prompts, false, await new SavedWeekFeed(store, log).read());
    if (!loaded.state) throw new Error(`the config has errors:\n${loaded.problems.map(formatProblem).join('\n')}`);
    const consoleMode = isConsoleMode(env);
    const plan: PlanState = consoleMode ? { ...loaded.state, config: consoleConfig(loaded.state.config) } : loaded.state;
    if (opts.platforms) {
      platforms = consoleMode
        ? [new ConsolePlatform({ input: process.stdin, output: process.stdout, clock: systemClock })]
        : (await createPlatforms(env, () => plan.config, log, systemClock)).platforms;
    }
    const owner = `cli:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    const bot = new PrayerBot({ store, clock: systemClock, log, platforms, plan: () => plan, owner });
    return {
      env,
      plan,
      bot,
      close: async () => {
        await bot.drain();
        for (const platform of platforms) if (platform.name !== 'console') await platform.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Runs a command body with a session; maps errors to exit codes with redacted messages. */
export async function withSession(globals: GlobalOptions, opts: { platforms: boolean }, body: (session: Session) => Promise<number>): Promise<number> {
  let session: Session | undefined;
  try {
    session = await openSession(globals, opts);
    return await body(session);
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error), secretValues());
    console.error(`prayerbot: ${message}`);
    return error instanceof UsageError || error instanceof EnvError ? 2 : 1;
  } finally {
    await session?.close();
  }
}

export function checkDate(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag} must be a date like 2026-10-12, not "${value}"`);
  }
  return value;
}

