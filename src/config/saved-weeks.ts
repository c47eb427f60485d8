// Weeks saved on the coordinator page, in the plan: the plan is the config + prompts/*.yaml +
// the store's saved weeks, and a saved week replaces the file of the same week. A saved week
// is checked exactly as a week file is (the same loader, then the planner); its problems are
// labelled `<monday>.yaml`, and the file it replaces says so in a warning, so `check`,
// `preview` and the page all tell why edits to that file are not used.
import { join } from 'node:path';
import { formatLongDate, formatTimeIn, localDateOf } from '../core/time.js';
import type { Config, LocalDate, Loaded, Problem, WeekPlan } from '../core/types.js';
import type { SavedWeek } from '../core/store.js';
import { checkAll, planProblems, sortProblems, type CheckResult } from './check.js';
import { readWeekText } from './load-week.js';

/** How a saved week's problems name their "file". */
export function savedWeekLabel(week: LocalDate): string {
  return `${week}.yaml`;
}

/**
 * The one place the week loader reads text that is not a file (the page's form, the store's
 * saved versions): exactly as `check` reads a week file, problems at the same line:col and
 * field path.
 */
function readSavedWeekText(label: string, yaml: string, config: Config): Loaded<WeekPlan> {
  return readWeekText(yaml, label, config.regions);
}

/**
 * The Monday a week's text names at its top level (`week: 2026-10-12`), only to label its
 * problems before it is read; the loader checks the value itself.
 */
function namedWeek(yaml: string): LocalDate | undefined {
  return /^week:[ \t]*["']?(\d{4}-\d{2}-\d{2})["']?[ \t]*(?:#.*)?$/m.exec(yaml)?.[1];
}

export interface WeekTextCheck {
  /** The week, when its text has no errors. */
  week?: WeekPlan;
  /** Every problem, errors and warnings, in file order. */
  problems: Problem[];
}

/**
 * Checks one week's text exactly as `check` checks a week file: the loader, then (when it
 * loads) the planner against `config`. `week` (the Monday being edited) labels the problems
 * and must match the text's own `week`; without it the text's `week` labels them.
 */
export function checkWeekText(yaml: string, config: Config, week?: LocalDate): WeekTextCheck {
  const monday = week ?? namedWeek(yaml);
  const loaded = readSavedWeekText(monday ? savedWeekLabel(monday) : 'week.yaml', yaml, config);
  const problems = [...loaded.problems, ...(loaded.value ? planProblems(config, loaded.value) : [])];
  return { ...(loaded.value ? { week: loaded.value } : {}), problems: sortProblems(problems) };
}

/** "prompts/2026-11-16.yaml is replaced by the version saved on the page on …". */
export function replacedNote(file: string, saved: SavedWeek, timezone: string): Problem {
  const on = `${formatLongDate(localDateOf(saved.savedAt, timezone))} at ${formatTimeIn(saved.savedAt, timezone)}`;
  return {
    file,
    line: 1,
    col: 1,
    severity: 'warning',
    message: `${file} is replaced by the version saved on the page on ${on} (version ${saved.version}): edits to this file are not used`,
  };
}

export interface PlanWeeks {
  weeks: WeekPlan[];
  problems: Problem[];
}

/**
 * The weeks of the plan with the saved weeks laid over the files of `promptsDir`: each saved
 * week replaces the file of its week (the file's own problems no longer matter; a note says
 * why) and brings its own problems. Without a config the saved weeks cannot be read, but
 * they still replace their files. Weeks come back sorted by week.
 */
export function withSavedWeeks(config: Config | undefined, promptsDir: string, files: PlanWeeks, saved: readonly SavedWeek[]): PlanWeeks {
  let weeks = [...files.weeks];
  let problems = [...files.problems];
  for (const version of saved) {
    const file = join(promptsDir, `${version.week}.yaml`);
    const fileExists = weeks.some((w) => w.week === version.week) || problems.some((p) => p.file === file);
    weeks = weeks.filter((w) => w.week !== version.week);
    problems = problems.filter((p) => p.file !== file);
    if (fileExists) problems.push(replacedNote(file, version, config?.timezone ?? 'UTC'));
    if (!config) continue;
    const checked = checkWeekText(version.yaml, config, version.week);
    problems.push(...checked.problems);
    if (checked.week) weeks.push(checked.week);
  }
  // "No week files here" is no longer true of the plan once the page saved weeks.
  if (saved.length > 0) problems = problems.filter((p) => !(p.file === promptsDir && p.severity === 'warning'));
  weeks.sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
  return { weeks, problems };
}

/** When the plan last changed: its files' newest edit or its newest save, whichever is later. */
export function newestVersion(filesVersion: Date, saved: readonly SavedWeek[]): Date {
  const newest = Math.max(filesVersion.getTime(), ...saved.map((s) => s.savedAt.getTime()));
  return new Date(newest);
}

/** `checkAll` of the plan: the files, with the store's saved weeks laid over them. */
export async function checkPlan(configPath: string, promptsDir: string, saved: readonly SavedWeek[]): Promise<CheckResult> {
  const result = await checkAll(configPath, promptsDir);
  if (saved.length === 0) return result;
  const merged = withSavedWeeks(result.config, promptsDir, result, saved);
  return { ...result, weeks: merged.weeks, problems: sortProblems(merged.problems, configPath) };
}
