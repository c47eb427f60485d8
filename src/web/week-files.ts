// A week's file in the prompts folder, read so the page can open it for editing (saving it
// on the page then replaces the file in the plan).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalDate } from '../core/types.js';

export async function readWeekFile(promptsDir: string, week: LocalDate): Promise<{ file: string; text: string } | undefined> {
  const file = join(promptsDir, `${week}.yaml`);
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch {
    return undefined;
  }
}
