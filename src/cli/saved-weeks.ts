// The weeks saved on the coordinator page, for `check` and `preview`: read from the store
// (DATABASE_URL, from the environment or .env) when it can be reached; otherwise none, and a
// warning says why — the files alone are then checked or shown.
import { loadDotEnv, secretValues } from '../env.js';
import { redact } from '../logger.js';
import { readSavedWeeks } from '../store/read-saved-weeks.js';
import type { SavedWeek } from '../core/store.js';

export async function savedWeeksOrWarn(command: string, warn: (text: string) => void): Promise<SavedWeek[]> {
  loadDotEnv();
  const read = await readSavedWeeks(process.env['DATABASE_URL']);
  if ('weeks' in read) return read.weeks;
  const why = redact(read.unreachable, secretValues());
  warn(`prayerbot ${command}: warning: the weeks saved on the coordinator page were not read, so only the files are used (${why})`);
  return [];
}
