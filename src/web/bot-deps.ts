// The coordinator page's dependencies, built from the running bot by src/main.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { saveWeekText } from '../core/coordinator/save-week.js';
import { errorLogFields } from '../core/errors.js';
import { staffVerdict } from '../core/coordinator/staff-status.js';
import type { Coordinator } from '../core/coordinator/coordinator.js';
import type { PlanState } from '../core/plan-state.js';
import type { Log } from '../core/ports.js';
import type { PrayerBot } from '../core/prayer-bot.js';
import type { CoordinatorDeps } from './ports.js';
import { readWeekFile } from './week-files.js';

export interface BotSide {
  /** Real store and clock, the plan with saved weeks, week checking and the after-save hook. */
  coordinator: Coordinator;
  /** The plan as the bot posts from it (the console chat's channels in console mode). */
  plan(): PlanState;
  /** The bot on the real store, which retracts. */
  bot(): PrayerBot;
  log: Log;
  trustedProxies: readonly string[];
  promptsDir: string;
}

export function coordinatorDeps(side: BotSide): CoordinatorDeps {
  const { coordinator } = side;
  return {
    store: coordinator.store,
    clock: coordinator.clock,
    log: side.log,
    plan: side.plan,
    retract: (subject, { undo, actor }) => side.bot().retract(subject, { undo, actor }),
    checkWeek: (yaml, week) => coordinator.weeks.check(yaml, coordinator.plan().config, week).problems,
    saveWeek: (yaml, actor, week) =>
      saveWeekText({ store: coordinator.store, clock: coordinator.clock, config: coordinator.plan().config, yaml, actor, weeks: coordinator.weeks, ...(week ? { week } : {}) }),
    // Asked of the bot on the real store: its platforms answer who holds a Discord staff role.
    isStaff: (actor) => staffVerdict(side.bot().ctx, actor),
    publicUrl: coordinator.publicUrl,
    trustedProxies: side.trustedProxies,
    readWeekFile: (week) => readWeekFile(side.promptsDir, week),
  };
}

export interface PageWiring {
  coordinator: Coordinator;
  /** The bot in charge now (during a console replay, the replay's, on its in-memory store). */
  active: { readonly current: PrayerBot };
  /** A bot on the real store and clock, made once if the page needs one during a replay. */
  realBot(): PrayerBot;
  log: Log;
  trustedProxies: readonly string[];
  promptsDir: string;
}

/** The request handler for /coordinator: the page retracts with the bot on the real store. */
export function coordinatorPageHandler(wiring: PageWiring): (req: IncomingMessage, res: ServerResponse) => void {
  let own: PrayerBot | undefined;
  const bot = () => {
    const current = wiring.active.current;
    if (current.ctx.store === wiring.coordinator.store) return current;
    return (own ??= wiring.realBot());
  };
  const deps = coordinatorDeps({
    coordinator: wiring.coordinator,
    plan: () => wiring.active.current.ctx.plan(),
    bot,
    log: wiring.log,
    trustedProxies: wiring.trustedProxies,
    promptsDir: wiring.promptsDir,
  });
  // The web library and the pages (~15 MiB resident) load on the first request to the page,
  // not at start: most of the bot's life nobody has it open.
  let loading: Promise<(req: IncomingMessage, res: ServerResponse) => void> | undefined;
  return (req, res) => {
    loading ??= import('./app.js').then(({ coordinatorHandler }) => coordinatorHandler(deps));
    loading.then(
      (handle) => handle(req, res),
      (error: unknown) => {
        wiring.log.error(errorLogFields(error), 'the coordinator page could not be loaded');
        res.statusCode = 500;
        res.end('The coordinator page could not be loaded; see the bot\'s log.\n');
      },
    );
  };
}
