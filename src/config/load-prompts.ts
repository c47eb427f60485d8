// Loads every week file in the prompts folder: `*.yaml` directly inside it, each named after
// its week's Monday.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config, Problem, Region, WeekPlan } from '../core/types.js';
import { readWeek, WEEK_FILE_NAME } from './load-week.js';
import { fileProblem } from './yaml-source.js';

export interface PromptsLoad {
  /** The week files without errors, sorted by week. */
  weeks: WeekPlan[];
  problems: Problem[];
}

/** Loads `dir/*.yaml` (not recursive). A file not named `YYYY-MM-DD.yaml` is a problem. */
export async function loadPrompts(dir: string, config: Config): Promise<PromptsLoad> {
  return readPrompts(dir, config.regions);
}

/** `loadPrompts` against the regions known so far (`undefined`: the config could not be read). */
export async function readPrompts(dir: string, regions: Region[] | undefined): Promise<PromptsLoad> {
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.filter((e) => e.name.endsWith('.yaml') && !e.isDirectory()).map((e) => e.name).sort();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    const message = code === 'ENOENT' ? 'folder not found (name another with --prompts DIR)' : code === 'ENOTDIR' ? 'is a file, not a folder of week files' : `cannot read the folder (${code})`;
    return { weeks: [], problems: [fileProblem(dir, message)] };
  }

  const weeks: WeekPlan[] = [];
  const problems: Problem[] = [];
  if (names.length === 0) problems.push(fileProblem(dir, 'no week files (<monday>.yaml) here: nothing will be posted', 'warning'));
  for (const name of names) {
    const file = join(dir, name);
    if (!WEEK_FILE_NAME.test(name)) {
      problems.push(fileProblem(file, `a week file is named after its week's Monday, like 2026-10-12.yaml, not "${name}"`));
    }
    const loaded = await readWeek(file, regions);
    problems.push(...loaded.problems);
    if (!loaded.value || !WEEK_FILE_NAME.test(name)) continue;
    // readWeek checked that the name matches the week, so two files never share a week.
    weeks.push(loaded.value);
  }
  weeks.sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
  return { weeks, problems };
}
