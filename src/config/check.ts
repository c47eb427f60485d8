// `prayerbot check` as a function: the config, every week file, and the planner's findings,
// all as file:line:col problems in one run.
import { parsePostCron, planWeek } from '../core/plan/plan.js';
import { translationIssues } from '../core/translation-coverage.js';
import type { Config, PlanIssue, Problem, WeekPlan } from '../core/types.js';
import { readConfig } from './load-config.js';
import { readPrompts } from './load-prompts.js';
import { sourceOf } from './locations.js';
import { fieldPath } from './yaml-source.js';

export interface CheckResult {
  /** Present when the config has no errors. */
  config?: Config;
  /** The week files without errors, sorted by week. */
  weeks: WeekPlan[];
  /** Every problem found, sorted: the config first, then by file, line and column. */
  problems: Problem[];
}

export async function checkAll(configPath: string, promptsDir: string): Promise<CheckResult> {
  const config = await readConfig(configPath);
  // Week files are checked even when the config has errors, against whatever regions it
  // names, so one run reports everything.
  const prompts = await readPrompts(promptsDir, config.value?.regions ?? config.regions);
  const problems = [...config.problems, ...prompts.problems];
  if (config.value) {
    const cron = parsePostCron(config.value.schedule.post);
    if (!cron.ok) problems.push(planIssueProblem(cron.issue, config.value));
    for (const week of prompts.weeks) problems.push(...planProblems(config.value, week));
  }
  return {
    ...(config.value ? { config: config.value } : {}),
    weeks: prompts.weeks,
    problems: sortProblems(dedupe(problems), configPath),
  };
}

/**
 * The planner's findings for one week, and the channel languages it does not translate,
 * located in the config or the week file.
 */
export function planProblems(config: Config, week: WeekPlan): Problem[] {
  return [...planWeek(config, week).issues, ...translationIssues(config, week)].map((issue) => planIssueProblem(issue, config, week));
}

/** A PlanIssue as `file:line:col`, through the YAML each object was loaded from. */
export function planIssueProblem(issue: PlanIssue, config: Config, week?: WeekPlan): Problem {
  const owner: Config | WeekPlan | undefined = issue.file === 'config' ? config : week;
  const source = owner ? sourceOf(owner) : undefined;
  const file = source?.file ?? owner?.source ?? config.source;
  const { line, col } = source ? source.locate(issue.path) : { line: 1, col: 1 };
  const path = fieldPath(issue.path);
  return { file, line, col, severity: issue.severity, message: issue.message, ...(path ? { path } : {}) };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\0${p.line}\0${p.col}\0${p.severity}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The config's problems first, then by file, line and column (stable otherwise). */
export function sortProblems(problems: Problem[], configFile?: string): Problem[] {
  const rank = (p: Problem) => (p.file === configFile ? 0 : 1);
  return [...problems].sort(
    (a, b) => rank(a) - rank(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col,
  );
}
