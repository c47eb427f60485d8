// The coordinator page's dependencies, built from the running bot by src/main.ts.
import { saveWeekText } from '../core/coordinator/save-week.js';
import type { Coordinator } from '../core/coordinator/coordinator.js';
import type { PlanState } from '../core/plan-state.js';
import type { Log } from '../core/ports.js';
import type { PrayerBot } from '../core/prayer-bot.js';
import type { CoordinatorDeps } from './ports.js';
import { isStaffActor } from './staff-check.js';
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
    isStaff: async (actor) => isStaffActor(coordinator.plan().config, actor),
    publicUrl: coordinator.publicUrl,
    trustedProxies: side.trustedProxies,
    readWeekFile: (week) => readWeekFile(side.promptsDir, week),
  };
}
