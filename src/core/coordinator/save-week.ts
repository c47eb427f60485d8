// Saving a week from the coordinator page: checked exactly as `prayerbot check` checks a
// week file, never saved with an error, kept as a new version in the store (who, when), and
// taken up by the running bot at once (other replicas within a minute).
import type { SavedWeek, Store } from '../store.js';
import type { Clock } from '../ports.js';
import type { Config, LocalDate, Problem, WeekPlan } from '../types.js';

/**
 * What saving needs from outside the core, which reads no YAML itself: the week loader and
 * planner as `check` runs them (src/config/saved-weeks.ts), and the running bot's plan.
 */
export interface WeekTexts {
  /**
   * Checks a week's YAML text as `check` checks a week file; problems are labelled
   * `<monday>.yaml`. `week`, when given, is the Monday being edited: the text must name it.
   */
  check(yaml: string, config: Config, week?: LocalDate): { week?: WeekPlan; problems: Problem[] };
  /** A week was saved: the plan in force takes it up (no-op where no bot runs). */
  saved(week: SavedWeek): Promise<void>;
}

export interface SaveWeekText {
  store: Store;
  clock: Clock;
  /** The config in force, which the week is checked against. */
  config: Config;
  yaml: string;
  /** `slack:<user>`, `discord:<user>`, `cli` or `console`. */
  actor: string;
  weeks: WeekTexts;
  /** The Monday being edited, if any (an import names its own). */
  week?: LocalDate;
}

export type SaveWeekResult =
  /** Saved as a new version; `warnings` are the check's warnings (saving does not wait for them). */
  | { saved: SavedWeek; warnings: Problem[] }
  /** Not saved: at least one of these is an error. */
  | { problems: Problem[] };

export async function saveWeekText(input: SaveWeekText): Promise<SaveWeekResult> {
  const { store, clock, config, yaml, actor, weeks } = input;
  const checked = weeks.check(yaml, config, input.week);
  if (!checked.week || checked.problems.some((p) => p.severity === 'error')) return { problems: checked.problems };
  const now = clock.now();
  const saved = await store.saveWeek(checked.week.week, yaml, actor, now);
  await store.audit({ at: now, action: 'save-week', subject: saved.week, detail: `version ${saved.version}`, actor });
  await weeks.saved(saved);
  return { saved, warnings: checked.problems };
}
