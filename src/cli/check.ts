import type { GlobalOptions } from '../cli.js';
import { checkPlan } from '../config/saved-weeks.js';
import { formatProblem } from '../core/types.js';
import { savedWeeksOrWarn } from './saved-weeks.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `prayerbot check`: every problem in the config and the week files, one
 * `file:line:col: message` line each on standard output, then a one-line summary.
 * Exit 0 when there is no error (warnings allowed), 1 otherwise. A missing config file or
 * prompts folder is a problem like any other (exit 1); usage errors (exit 2) are commander's.
 * The weeks saved on the coordinator page (in the store, DATABASE_URL) are part of the plan
 * and checked too; a store that cannot be reached is a warning on stderr, not a failure.
 */
export async function checkCommand(globals: GlobalOptions): Promise<number> {
  const saved = await savedWeeksOrWarn('check', (text) => console.error(text));
  const result = await checkPlan(globals.config, globals.prompts, saved);
  for (const problem of result.problems) console.log(formatProblem(problem));
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  if (errors > 0) {
    console.log(warnings > 0 ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : plural(errors, 'error'));
    return 1;
  }
  const requests = result.weeks.reduce((n, w) => n + w.requests.length, 0);
  const counts = `ok: 1 config, ${plural(result.weeks.length, 'week')}, ${plural(requests, 'request')}`;
  console.log(warnings > 0 ? `${counts} (${plural(warnings, 'warning')})` : counts);
  return 0;
}

