// Explicit wiring: config → logger → store → core → platforms → scheduler, torn down in
// reverse. `prayerbot run` calls startBot; tests call it too, with fakes around it.
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { ActiveBot } from './active-bot.js';
import { SavedWeekFeed } from './config/saved-week-feed.js';
import { checkWeekText } from './config/saved-weeks.js';
import { alertStaff } from './core/alerts.js';
import type { Coordinator } from './core/coordinator/coordinator.js';
import { CodedError } from './core/errors.js';
import { dayOf } from './core/plan-state.js';
import type { PlanState } from './core/plan-state.js';
import { systemClock, type ChatPlatform, type Clock } from './core/ports.js';
import { partsOfDay } from './core/posting.js';
import { postDocument } from './core/post-document.js';
import { PrayerBot } from './core/prayer-bot.js';
import { mondayOf, todayIn } from './core/time.js';
import { formatProblem, type ChannelConfig, type Config, type LocalDate, type Problem } from './core/types.js';
import { publicUrlOf, type Env } from './env.js';
import { close, createAppServer, listen, type RequestHandler } from './http-server.js';
import { noMetrics } from './core/context.js';
import { ShardedDiscord } from './discord-shards.js';
import { createLogger } from './logger.js';
import { loadPlan, PlanSource, problemLines } from './plan-source.js';
import { CONSOLE_CHANNEL, ConsolePlatform } from './platforms/console/console-platform.js';
import { Scheduler } from './scheduler.js';
import { coordinatorHandler } from './web/app.js';
import { coordinatorDeps } from './web/bot-deps.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface StartOptions {
  configPath: string;
  promptsDir: string;
  env: Env;
  /** Secret values to redact from every log line. */
  secrets: readonly string[];
  clock?: Clock;
  /** The console chat's terminal. */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Where log lines go (default: stdout, or stderr in the console chat). */
  logDestination?: NodeJS.WritableStream;
  /** This process's lease owner id (default: host:pid:random). */
  owner?: string;
  /** Ledger lease overrides (tests of crash recovery). */
  leaseMs?: number;
}

export interface RunningBot {
  bot: PrayerBot;
  store: Store;
  log: Logger;
  /** The HTTP port actually bound (PORT=0 picks one), if the server is up. */
  port?: number;
  metricsPort?: number;
  /** What the console chat showed first ('today' or a replay of a date). */
  shown?: { kind: 'today' | 'replay' | 'none'; date?: LocalDate };
  /** The coordinator page's side of the bot: real store and clock, plan, week saving. */
  coordinator: Coordinator;
  stop(): Promise<void>;
}

export class StartError extends CodedError<'start_failed'> {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super('start_failed', message);
  }
}

const CONSOLE: ChannelConfig = { platform: 'console', id: CONSOLE_CHANNEL, audience: 'staff', allowPublic: false };

/** With no token the console is the only channel and the staff room. */
export function consoleConfig(config: Config): Config {
  return { ...config, channels: [CONSOLE], staffReport: [{ platform: 'console', id: CONSOLE_CHANNEL }] };
}

function withConfig(state: PlanState, config: Config): PlanState {
  return { ...state, config };
}

/** A clock that starts at `start` and runs at real speed (the console replay). */
export function offsetClock(start: Date, base: Clock = systemClock): Clock {
  const offset = start.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

/** The newest week's posting day nearest to `today` (ties: the earlier). */
function replayDay(state: PlanState, today: LocalDate): LocalDate | undefined {
  const newest = state.weeks.at(-1)?.week;
  if (!newest) return undefined;
  const days = state.days.filter((d) => d.week === newest && d.requests.length > 0);
  const distance = (d: LocalDate) => Math.abs(Date.parse(d) - Date.parse(today));
  return days.sort((a, b) => distance(a.date) - distance(b.date) || a.date.localeCompare(b.date))[0]?.date;
}

/** `prayerbot run` only: Discord shards are shared out between replicas through leases in the store. */
export interface ShardCoordination {
  store: Store;
  owner: string;
  leaseMs?: number;
}

export async function createPlatforms(
  env: Env,
  /** The config in force; read again on every use, so hot reload reaches the platforms. */
  current: () => Config,
  log: Logger,
  clock: Clock,
  shards?: ShardCoordination,
): Promise<{ platforms: ChatPlatform[]; slackHandler?: RequestHandler }> {
  const platforms: ChatPlatform[] = [];
  let slackHandler: RequestHandler | undefined;
  // The reaction name is fixed at start (check allows only "pray").
  const config = current();
  if (env.slack) {
    const { createSlackPlatform } = await import('./platforms/slack/slack-platform.js');
    const slack = createSlackPlatform({
      botToken: env.slack.botToken,
      ...(env.slack.signingSecret ? { signingSecret: env.slack.signingSecret } : {}),
      ...(env.slack.appToken ? { appToken: env.slack.appToken } : {}),
      ...(env.slack.apiUrl ? { apiUrl: env.slack.apiUrl } : {}),
      reaction: config.reaction,
      logger: log.child({ platform: 'slack' }),
      clock,
    });
    platforms.push(slack);
    if (slack.httpHandler) slackHandler = slack.httpHandler;
  }
  if (env.discord) {
    const { createDiscordPlatform } = await import('./platforms/discord/discord-platform.js');
    const discord = {
      token: env.discord.token,
      ...(env.discord.applicationId ? { applicationId: env.discord.applicationId } : {}),
      ...(env.discord.apiUrl ? { apiUrl: env.discord.apiUrl } : {}),
      reaction: config.reaction,
      // Read on every privacy check: a role removed from the viewers counts at once.
      viewerRoleIds: () => current().staff.discordViewerRoles,
      logger: log.child({ platform: 'discord' }),
      clock,
    };
    platforms.push(
      shards
        ? // One REST client for everything outbound; a gateway client for the shards this replica holds.
          new ShardedDiscord({
            rest: createDiscordPlatform(discord),
            gateway: (ids, shardCount) => createDiscordPlatform({ ...discord, shards: ids, shardCount }),
            ...shards,
            clock,
            log: discord.logger,
          })
        : createDiscordPlatform(discord),
    );
  }
  return { platforms, ...(slackHandler ? { slackHandler } : {}) };
}

export async function startBot(options: StartOptions): Promise<RunningBot> {
  const consoleMode = !options.env.slack && !options.env.discord;
  const log = await createLogger({
    // The console chat is for reading posts: only warnings and errors interrupt it.
    level: options.env.logLevel ?? (consoleMode ? 'warn' : 'info'),
    secrets: options.secrets,
    destination: options.logDestination ?? (consoleMode ? process.stderr : process.stdout),
  });

  // The real store and clock: the coordinator page, sign-in and the saved weeks always use
  // them, even while the console replays a sample week on an in-memory store.
  const realClock = options.clock ?? systemClock;
  const realStore = await openStore(options.env.databaseUrl);
  const teardown: Array<() => Promise<void>> = [async () => realStore.close()];
  const stop = async () => {
    for (const step of teardown.reverse()) {
      try {
        await step();
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'shutdown step failed');
      }
    }
  };
  const savedWeeks = new SavedWeekFeed(realStore, log);

  try {
    const loaded = await loadPlan(options.configPath, options.promptsDir, false, await savedWeeks.read());
    if (!loaded.state) throw new StartError(`the config has errors:\n${problemLines(loaded.problems)}`, loaded.problems);
    const firstState = loaded.state;
    const weekErrors = loaded.problems.filter((p) => p.severity === 'error');

    // The console shows today's post, or replays the newest week's nearest day on an
    // in-memory store and a clock set to that day's post time.
    let clock = realClock;
    let shown: RunningBot['shown'] = { kind: 'none' };
    let replayFrom: Date | undefined;
    if (consoleMode) {
      const today = todayIn(firstState.config.timezone, clock.now());
      const todays = dayOf(firstState, today);
      if (todays && todays.requests.length > 0) {
        shown = { kind: 'today', date: today };
      } else {
        const date = replayDay(firstState, today);
        if (date) {
          shown = { kind: 'replay', date };
          replayFrom = dayOf(firstState, date)!.postAt;
          clock = offsetClock(replayFrom, clock);
        }
      }
    }
    const effective = (state: PlanState) => (consoleMode ? withConfig(state, consoleConfig(state.config)) : state);

    const store = replayFrom ? await openStore('sqlite::memory:') : realStore;
    if (store !== realStore) teardown.push(async () => store.close());
    const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    const metrics = options.env.metricsPort !== undefined ? new (await import('./metrics.js')).Metrics() : undefined;

    // The plan in force, for the platforms' settings (hot reload replaces it).
    let inForce = firstState;
    let consolePlatform: ConsolePlatform | undefined;
    let platforms: ChatPlatform[];
    let slackHandler: RequestHandler | undefined;
    // The console's clock follows the bot's: the replay's until a save ends the replay.
    let consoleClock = clock;
    if (consoleMode) {
      consolePlatform = new ConsolePlatform({ input: options.input ?? process.stdin, output: options.output ?? process.stdout, clock: { now: () => consoleClock.now() } });
      if (shown.kind === 'replay') consolePlatform.heading = `REPLAY of ${shown.date}`;
      platforms = [consolePlatform];
    } else {
      const shards = { store, owner, ...(options.env.shardLeaseMs ? { leaseMs: options.env.shardLeaseMs } : {}) };
      ({ platforms, slackHandler } = await createPlatforms(options.env, () => inForce.config, log, clock, shards));
    }

    let scheduler: Scheduler | undefined;
    let bot: ActiveBot | undefined;
    const source = new PlanSource(firstState, { config: options.configPath, prompts: options.promptsDir }, log, {
      changed: async (state) => {
        inForce = state;
        // Privacy facts were judged against the old settings (viewer roles, allow_public).
        bot?.ctx.inspections.clear();
        // The bot's store: the replay's in-memory one until a save ends the replay.
        await (bot?.ctx.store ?? store).recordPlanHash(owner, state.hash, state.version);
        scheduler?.reschedule(state.config);
      },
      broken: async (problems) => {
        if (!bot) return;
        const text = problemLines(problems);
        const key = createHash('sha256').update(text).digest('hex').slice(0, 16);
        await alertStaff(bot.ctx, `broken-plan:${key}`, `An edit to the plan has errors, so the last good plan keeps running:\n${text}`);
      },
    }, savedWeeks);
    let port: number | undefined;
    const coordinator: Coordinator = {
      store: realStore,
      clock: realClock,
      publicUrl: () => publicUrlOf(options.env, port ?? options.env.port),
      plan: () => source.current(),
      weeks: {
        check: checkWeekText,
        saved: async (week) => {
          // This process takes the save up at once; other replicas on their next sweep.
          await source.followSaves();
          if (replayFrom && week.week === mondayOf(todayIn(source.current().config.timezone, realClock.now()))) await endReplay();
        },
      },
    };
    const botOptions = { log, platforms, plan: () => effective(source.current()), owner, metrics: metrics ?? noMetrics, signIn: coordinator, followSaves: () => source.followSaves(), ...(options.leaseMs ? { leaseMs: options.leaseMs, renewMs: Math.max(100, Math.floor(options.leaseMs / 4)) } : {}) };
    bot = new ActiveBot(new PrayerBot({ ...botOptions, store, clock, ...(replayFrom ? { sweepFrom: replayFrom } : {}) }));
    const running = bot;
    await store.recordPlanHash(owner, firstState.hash, firstState.version);

    // A week saved on the page that covers today ends the console's replay: from then on the
    // console is the bot on the real store and clock, showing today's post.
    const endReplay = async () => {
      if (!replayFrom || !consolePlatform) return;
      replayFrom = undefined;
      consoleClock = realClock;
      await running.swap(new PrayerBot({ ...botOptions, store: realStore, clock: realClock })).drain();
      await realStore.recordPlanHash(owner, source.current().hash, source.current().version);
      consolePlatform.heading = undefined;
      const out = options.output ?? process.stdout;
      out.write('The replay has ended: a week covering today was saved on the coordinator page.\n');
      const today = todayIn(source.current().config.timezone, realClock.now());
      if (dayOf(running.ctx.plan(), today)?.requests.length) await showConsolePost(running.current, consolePlatform, today);
      else out.write('There is no prayer post today.\n');
      log.info({ plan: source.current().hash }, 'console replay ended by a saved week');
    };

    // The coordinator page retracts with a bot on the real store (during a replay, one of its own).
    let pageBot: PrayerBot | undefined;
    const coordinatorPage = coordinatorHandler(
      coordinatorDeps({
        coordinator,
        plan: () => running.ctx.plan(),
        bot: () => (running.ctx.store === realStore ? running.current : (pageBot ??= new PrayerBot({ ...botOptions, store: realStore, clock: realClock }))),
        log: log.child({ component: 'coordinator' }),
        trustedProxies: options.env.trustedProxies ?? [],
        promptsDir: options.promptsDir,
      }),
    );

    // HTTP: Slack needs it; in the console chat a busy port only costs /healthz.
    const server: Server = createAppServer(
      {
        ready: () => platforms.every((p) => p.ready()),
        detail: () => Object.fromEntries(platforms.map((p) => [p.name, p.ready()])),
      },
      slackHandler,
      coordinatorPage,
    );
    try {
      port = await listen(server, options.env.port);
      teardown.push(() => close(server));
    } catch (error) {
      if (!consoleMode) throw error;
      log.warn({ port: options.env.port }, `/healthz is off: port ${options.env.port} is in use (set PORT to change it)`);
    }
    let metricsPort: number | undefined;
    if (metrics && options.env.metricsPort !== undefined) {
      const metricsServer = metrics.server();
      metricsPort = await listen(metricsServer, options.env.metricsPort, '127.0.0.1');
      teardown.push(() => close(metricsServer));
    }

    for (const platform of platforms) {
      await platform.start(running);
      teardown.push(() => platform.stop());
    }
    metrics?.up.set(1);
    teardown.push(() => running.drain());

    if (weekErrors.length > 0) {
      const text = weekErrors.map(formatProblem).join('\n');
      await alertStaff(running.ctx, `broken-plan:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, `Some week files have errors and are not used until fixed:\n${text}`);
    }

    if (consolePlatform && shown.date) {
      await showConsolePost(running.current, consolePlatform, shown.date);
    } else if (consolePlatform) {
      consolePlatform.show({ title: 'No prayer requests yet', fallback: '', sections: [], verse: { text: '', reference: '' }, footer: `Add a week file to ${options.promptsDir} (see prayerbot import --help).` }, 'none');
    }
    for (const platform of platforms) {
      if (platform.name !== 'console') await running.resync(platform.name);
    }

    // Weeks saved on another replica's page are taken up before the sweep checks the plan.
    const sweep = async () => {
      await source.followSaves();
      return running.sweep();
    };
    scheduler = new Scheduler({ sweep, retire: () => running.retire(), digest: () => running.digest() }, log, options.env.sweepMs);
    await scheduler.run('sweep');
    await scheduler.run('retire');
    scheduler.start(source.current().config);
    const activeScheduler = scheduler;
    teardown.push(() => activeScheduler.stop());
    teardown.push(() => source.close());
    await source.watch();

    const readyLine = consoleMode
      ? `prayerbot ready — console chat${shown.kind === 'replay' ? ` (replay of ${shown.date})` : ''}. Type /pray help, react, or Ctrl-C to stop.`
      : `prayerbot ready — ${platforms.map((p) => p.name).join(' + ')}${port !== undefined ? ` on port ${port}` : ''}`;
    if (consolePlatform) {
      (options.output ?? process.stdout).write(`${readyLine}\n`);
      consolePlatform.open();
    }
    log.info({ port, plan: firstState.hash }, readyLine);

    return {
      // The console replay may hand over to the real bot: always the one in charge now.
      get bot() {
        return running.current;
      },
      get store() {
        return running.ctx.store;
      },
      log,
      ...(port !== undefined ? { port } : {}),
      ...(metricsPort !== undefined ? { metricsPort } : {}),
      shown,
      coordinator,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Sends the day's console post, or shows it again from the ledger if it was sent before. */
async function showConsolePost(bot: PrayerBot, chat: ConsolePlatform, date: LocalDate): Promise<void> {
  const results = await bot.postDay(date, { manual: true });
  const shownNow = results.some((r) => r.outcome === 'sent');
  if (shownNow) return;
  const day = dayOf(bot.ctx.plan(), date);
  if (!day) return;
  const parts = await partsOfDay(bot.ctx, day, bot.ctx.clock.now());
  for (const part of parts) {
    const record = await bot.ctx.store.getPost(part.ledgerKey);
    chat.show(postDocument(part), record?.messageId ?? part.ledgerKey, 'already posted today');
  }
}
