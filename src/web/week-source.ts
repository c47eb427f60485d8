// Where a week's text comes from: its newest version saved on the page, else its file in the
// prompts folder (a saved week replaces the file of the same week).
import type { LocalDate } from '../core/types.js';
import type { SavedWeek } from '../core/store.js';
import type { CoordinatorDeps } from './ports.js';

export interface WeekText {
  text: string;
  saved?: SavedWeek;
  /** The week file of the same week, when there is one. */
  file?: string;
}

export async function weekText(deps: CoordinatorDeps, week: LocalDate): Promise<WeekText | undefined> {
  const [versions, file] = await Promise.all([deps.store.weekVersions(week), deps.readWeekFile(week)]);
  const newest = versions[0];
  if (newest) return { text: newest.yaml, saved: newest, ...(file ? { file: file.file } : {}) };
  if (file) return { text: file.text, file: file.file };
  return undefined;
}
