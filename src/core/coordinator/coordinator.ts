// What the coordinator page and `/pray coordinator` work with, built once by src/main.ts: the
// real store and clock (even while the console replays a sample week on an in-memory store),
// the plan in force, and the week checker and after-save hook of the running bot.
import type { PlanState } from '../plan-state.js';
import type { WeekTexts } from './save-week.js';
import type { SignInSetup } from './sign-in.js';

export interface Coordinator extends SignInSetup {
  /** The plan in force (config for staff checks, weeks, saved weeks laid over the files). */
  plan(): PlanState;
  /** For saveWeekText: checks week text as `check` does; the plan takes a save up at once. */
  weeks: WeekTexts;
}
