import type { GlobalOptions } from '../cli.js';
import { checkAll } from '../config/check.js';
import { formatProblem } from '../core/types.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `prayerbot check`: every problem in the config and the week files, one
 * `file:line:col: message` line each on standard output, then a one-line summary.
 * Exit 0 when there is no error (warnings allowed), 1 otherwise. A missing config file or
 * prompts folder is a problem like any other (exit 1); usage errors (exit 2) are commander's.
 */
export async function checkCommand(globals: GlobalOptions): Promise<number> {
  const result = await checkAll(globals.config, globals.prompts);
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
