// Explicit wiring: logger → store → config → core → platforms → scheduler, torn down in
// reverse (src/runtime/teardown.ts says in which order and why). `prayerbot run` calls
// startBot; tests call it too, with fakes around it. What to show in the console chat is
// src/runtime/console-replay.ts; which platforms run is src/runtime/platforms.ts. The
// coordinator page's side (real store and clock, saved weeks, sign-in links) is wired here
// too: see RunningBot.coordinator.
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { alertStaff } from './core/alerts.js';
import { noMetrics } from './core/context.js';
import type { Coordinator } from './core/coordinator/coordinator.js';
import { CodedError, errorLogFields } from './core/errors.js';
import type { PlanState } from './core/plan-state.js';
import { systemClock, type ChatPlatform, type Clock } from './core/ports.js';
import { PrayerBot } from './core/prayer-bot.js';
import type { Store } from './core/store.js';
import { formatProblem, type LocalDate, type Problem } from './core/types.js';
import { loadPlan, PlanSource, problemLines, type PlanFailure, type PlanSourceOptions } from './config/plan-source.js';
import { SavedWeekFeed } from './config/saved-week-feed.js';
import { checkWeekText } from './config/saved-weeks.js';
import { publicUrlOf, type Env } from './env.js';
import { createLogger } from './logger.js';
import { ActiveBot } from './runtime/active-bot.js';
import {
  consoleReadyLine,
  consoleReplay,
  replayHeading,
  REPLAY_DATABASE_URL,
  saveEndsReplay,
  showAfterReplay,
  showFirstPost,
  type ConsoleShown,
} from './runtime/console-replay.js';
import { close, createAppServer, listen } from './runtime/http-server.js';
import { InboundGate } from './runtime/inbound-gate.js';
import { consoleConfig, isConsoleMode, runPlatforms, type RunPlatforms } from './runtime/platforms.js';
import { Scheduler } from './runtime/scheduler.js';
import { Teardown } from './runtime/teardown.js';
import { coordinatorPageHandler } from './web/bot-deps.js';
import { openStore } from './store/open-store.js';

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
  /** Tests: run these platforms instead of the ones the env names (no console chat). */
  platforms?: ChatPlatform[];
  /** Tests: how hot reload reads the plan (default: loadPlan, as at start). */
  reloadPlan?: PlanSourceOptions['load'];
}

export interface RunningBot {
  /** The bot in charge now (a console replay hands over to the real bot when a save covers today). */
  bot: PrayerBot;
  /** The bot's store: the replay's in-memory one while the console replays. */
  store: Store;
  log: Logger;
  /** The HTTP port actually bound (PORT=0 picks one), if the server is up. */
  port?: number;
  metricsPort?: number;
  /** What the console chat showed first ('today' or a replay of a date). */
  shown?: ConsoleShown;
  /** The coordinator page's side of the bot: real store and clock, plan, week saving. */
  coordinator: Coordinator;
  /** Stops inbound, drains, stops the platforms, closes the store. A second call returns the same promise. */
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

/** What staff read when hot reload fails for a reason other than the files (never the error's message). */
function planFailureText(failure: PlanFailure, owner: string): string {
  const { error, code } = errorLogFields(failure.error);
  const what = code ? `${error} ${code}` : error;
  if (failure.kind === 'watch') {
    return `Watching config/ and prompts/ for edits failed on ${owner} (${what}); the watch is being set up again. If edits stop applying, restart prayerbot.`;
  }
  return `Reloading the plan failed on ${owner} (${what}), so the last good plan keeps running. It is tried again in ${Math.round(failure.retryMs / 1000)} s and on the next edit.`;
}

export async function startBot(options: StartOptions): Promise<RunningBot> {
  const consoleMode = !options.platforms && isConsoleMode(options.env);

  // --- logger ------------------------------------------------------------------------------
  const log = await createLogger({
    // The console chat is for reading posts: only warnings and errors interrupt it.
    level: options.env.logLevel ?? (consoleMode ? 'warn' : 'info'),
    secrets: options.secrets,
    destination: options.logDestination ?? (consoleMode ? process.stderr : process.stdout),
  });

  // --- store -------------------------------------------------------------------------------
  // The real store and clock: the coordinator page, sign-in links and the saved weeks always
  // use them, even while the console replays a sample week on an in-memory store. They come
  // before the plan, which includes the weeks saved on the page.
  const realClock = options.clock ?? systemClock;
  const realStore = await openStore(options.env.databaseUrl);
  const teardown = new Teardown(log);
  teardown.add('store', 'store', () => realStore.close());
  const stop = () => teardown.stop();

  try {
    // --- config ----------------------------------------------------------------------------
    const savedWeeks = new SavedWeekFeed(realStore, log);
    const loaded = await loadPlan(options.configPath, options.promptsDir, false, await savedWeeks.read());
    if (!loaded.state) throw new StartError(`the config has errors:\n${problemLines(loaded.problems)}`, loaded.problems);
    const firstState = loaded.state;
    const weekErrors = loaded.problems.filter((p) => p.severity === 'error');
    const replay = consoleMode ? consoleReplay(firstState, realClock) : undefined;
    const clock = replay?.clock ?? realClock;
    const shown: ConsoleShown = replay?.shown ?? { kind: 'none' };
    // One console version per loaded plan, so what the core works out per plan (pray-memo.ts) holds.
    let consoleVersion: { of: PlanState; state: PlanState } | undefined;
    const effective = (state: PlanState): PlanState => {
      if (!consoleMode) return state;
      if (consoleVersion?.of !== state) consoleVersion = { of: state, state: { ...state, config: consoleConfig(state.config) } };
      return consoleVersion.state;
    };
    // Set while the console replays; a save covering today ends it (endReplay below).
    let replayFrom = replay?.replayFrom;
    const store = replayFrom ? await openStore(REPLAY_DATABASE_URL) : realStore;
    if (store !== realStore) teardown.add('store', 'replay store', () => store.close());
    // The platforms' clock follows the bot's: the replay's until a save ends the replay.
    let botClock = clock;
    const platformClock: Clock = { now: () => botClock.now() };

    const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    const metrics = options.env.metricsPort !== undefined ? new (await import('./metrics.js')).Metrics() : undefined;
    // The plan in force, for the platforms' settings (hot reload replaces it).
    let inForce = firstState;
    const chosen: RunPlatforms = options.platforms
      ? { platforms: options.platforms }
      : await runPlatforms({
          env: options.env,
          current: () => inForce.config,
          log,
          clock: platformClock,
          shards: { store, owner, ...(options.env.shardLeaseMs ? { leaseMs: options.env.shardLeaseMs } : {}) },
          terminal: { input: options.input ?? process.stdin, output: options.output ?? process.stdout, heading: replayHeading(shown) },
        });
    const { platforms, slackHandler, console: consoleChat } = chosen;

    // --- core ------------------------------------------------------------------------------
    let scheduler: Scheduler | undefined;
    let bot: ActiveBot | undefined;
    const source = new PlanSource(
      firstState,
      { config: options.configPath, prompts: options.promptsDir },
      log,
      {
        changed: async (state) => {
          // The store first: if it fails, nothing has changed yet and the old plan stays in force.
          // The bot's store: the replay's in-memory one until a save ends the replay.
          await (bot?.ctx.store ?? store).recordPlanHash(owner, state.hash, state.version);
          // Discord's outsiders were worked out against the old viewer roles: read them again.
          // (Verdicts themselves are judged afresh on every use, so nothing else needs this.)
          if (inForce.config.staff.discordViewerRoles.join() !== state.config.staff.discordViewerRoles.join()) bot?.ctx.inspections.clear();
          inForce = state;
          scheduler?.reschedule(state.config);
        },
        broken: async (problems) => {
          if (!bot) return;
          const text = problemLines(problems);
          const key = createHash('sha256').update(text).digest('hex').slice(0, 16);
          await alertStaff(bot.ctx, `broken-plan:${key}`, `An edit to the plan has errors, so the last good plan keeps running:\n${text}`);
        },
        failed: async (failure) => {
          if (!bot) return;
          await alertStaff(bot.ctx, `plan-${failure.kind}:${owner}:${failure.key}`, planFailureText(failure, owner));
        },
      },
      { saved: savedWeeks, ...(options.reloadPlan ? { load: options.reloadPlan } : {}) },
    );
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
          if (replayFrom && saveEndsReplay(week.week, source.current(), realClock)) await endReplay();
        },
      },
    };
    const botOptions = {
      log,
      platforms,
      plan: () => effective(source.current()),
      owner,
      metrics: metrics ?? noMetrics,
      signIn: coordinator,
      followSaves: () => source.followSaves(),
      ...(options.leaseMs ? { leaseMs: options.leaseMs, renewMs: Math.max(100, Math.floor(options.leaseMs / 4)) } : {}),
    };
    bot = new ActiveBot(new PrayerBot({ ...botOptions, store, clock, ...(replayFrom ? { sweepFrom: replayFrom } : {}) }));
    const running = bot;
    // Platforms call the core through the gate, so shutdown can stop inbound work first.
    const gate = new InboundGate(running, (command) => running.messagesFor(command));
    teardown.add('inbound', 'inbound gate', () => gate.close());
    teardown.add('drain', 'reaction batches', () => running.drain());
    teardown.add('drain', 'inbound calls', () => gate.drained());
    await store.recordPlanHash(owner, firstState.hash, firstState.version);

    // A week saved on the page that covers today ends the console's replay: from then on the
    // console is the bot on the real store and clock, showing today's post.
    const endReplay = async () => {
      if (!replayFrom || !consoleChat) return;
      replayFrom = undefined;
      botClock = realClock;
      await running.swap(new PrayerBot({ ...botOptions, store: realStore, clock: realClock })).drain();
      await realStore.recordPlanHash(owner, source.current().hash, source.current().version);
      await showAfterReplay(running.current, consoleChat, options.output ?? process.stdout);
      log.info({ plan: source.current().hash }, 'console replay ended by a saved week');
    };

    // The coordinator page retracts with a bot on the real store (during a replay, one of its own).
    const coordinatorPage = coordinatorPageHandler({
      coordinator,
      active: running,
      realBot: () => new PrayerBot({ ...botOptions, store: realStore, clock: realClock }),
      log: log.child({ component: 'coordinator' }),
      trustedProxies: options.env.trustedProxies ?? [],
      promptsDir: options.promptsDir,
    });

    // HTTP: Slack needs it; in the console chat a busy port only costs /healthz.
    const server = createAppServer(
      {
        ready: () => platforms.every((p) => p.ready()),
        detail: () => Object.fromEntries(platforms.map((p) => [p.name, p.ready()])),
      },
      slackHandler,
      coordinatorPage,
    );
    try {
      port = await listen(server, options.env.port);
      teardown.add('inbound', 'http server', () => close(server));
    } catch (error) {
      if (!consoleMode) throw error;
      log.warn({ port: options.env.port }, `/healthz is off: port ${options.env.port} is in use (set PORT to change it)`);
    }
    let metricsPort: number | undefined;
    if (metrics && options.env.metricsPort !== undefined) {
      const metricsServer = metrics.server();
      metricsPort = await listen(metricsServer, options.env.metricsPort, '127.0.0.1');
      teardown.add('observe', 'metrics server', () => close(metricsServer));
    }

    // --- platforms -------------------------------------------------------------------------
    for (const platform of platforms) {
      await platform.start(gate);
      teardown.add('platforms', platform.name, () => platform.stop());
    }
    metrics?.up.set(1);

    if (weekErrors.length > 0) {
      const text = weekErrors.map(formatProblem).join('\n');
      await alertStaff(running.ctx, `broken-plan:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, `Some week files have errors and are not used until fixed:\n${text}`);
    }
    if (consoleChat) await showFirstPost(running.current, consoleChat, shown, options.promptsDir);
    for (const platform of platforms) {
      if (platform.name !== 'console') await running.resync(platform.name);
    }

    // --- scheduler -------------------------------------------------------------------------
    // Weeks saved on another replica's page are taken up before the sweep checks the plan.
    const sweep = async () => {
      await source.followSaves();
      return running.sweep();
    };
    scheduler = new Scheduler(
      { sweep, retire: () => running.retire(), digest: () => running.digest(), retractions: () => running.refreshRetractions() },
      log,
      options.env.sweepMs,
    );
    await scheduler.run('sweep');
    await scheduler.run('retire');
    scheduler.start(source.current().config);
    const activeScheduler = scheduler;
    // No new ticks, and the jobs under way (their sends) finish while the platforms are up.
    teardown.add('drain', 'scheduler', () => activeScheduler.stop());
    teardown.add('inbound', 'plan watcher', () => source.close());
    await source.watch();

    const readyLine = consoleMode
      ? consoleReadyLine(shown)
      : `prayerbot ready — ${platforms.map((p) => p.name).join(' + ')}${port !== undefined ? ` on port ${port}` : ''}`;
    if (consoleChat) {
      (options.output ?? process.stdout).write(`${readyLine}\n`);
      consoleChat.open();
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
