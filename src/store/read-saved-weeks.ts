// The weeks saved on the coordinator page, for the commands that only read the plan (`check`,
// `preview`): read when the store can be reached, and a reason when it cannot — they then
// work from the files alone and say so. A SQLite file that does not exist yet holds no saved
// weeks and is not created just to find that out.
import { existsSync } from 'node:fs';
import { DEFAULT_DATABASE_URL, openStore, sqlitePath } from './open-store.js';
import type { SavedWeek } from '../core/store.js';

export type SavedWeeksRead = { weeks: SavedWeek[] } | { unreachable: string };

export async function readSavedWeeks(databaseUrl: string | undefined): Promise<SavedWeeksRead> {
  const url = databaseUrl === undefined || databaseUrl.trim() === '' ? DEFAULT_DATABASE_URL : databaseUrl.trim();
  if (/^sqlite:/i.test(url)) {
    const path = sqlitePath(url);
    if (path === ':memory:' || (path !== '' && !existsSync(path))) return { weeks: [] };
  }
  try {
    const store = await openStore(url);
    try {
      return { weeks: await store.savedWeeks() };
    } finally {
      await store.close();
    }
  } catch (error) {
    // Store errors name the database with its password hidden.
    return { unreachable: error instanceof Error ? error.message : String(error) };
  }
}
