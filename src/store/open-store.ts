// Picks the store from DATABASE_URL: `sqlite:<path>` (default `sqlite:data/prayerbot.db`),
// `sqlite::memory:` (the console replay), or `postgres://…` / `postgresql://…` (replicas).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError, redactUrl } from './errors.js';
import type { Store } from '../core/store.js';

// Each driver is loaded only when its database is used: a SQLite bot never pays for pg's
// memory and start-up, nor a PostgreSQL replica for the native SQLite addon.

export const DEFAULT_DATABASE_URL = 'sqlite:data/prayerbot.db';

export interface OpenStoreOptions {
  /** PostgreSQL only: keep the tables in this schema (created when absent). */
  schema?: string;
}

export async function openStore(databaseUrl: string | undefined, options: OpenStoreOptions = {}): Promise<Store> {
  const url = databaseUrl === undefined || databaseUrl.trim() === '' ? DEFAULT_DATABASE_URL : databaseUrl.trim();
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { PostgresStore } = await import('./postgres-store.js');
    return PostgresStore.open(url, options.schema !== undefined ? { schema: options.schema } : {});
  }
  if (/^sqlite:/i.test(url)) {
    const path = sqlitePath(url);
    if (path === '') throw new StoreError('bad_url', `DATABASE_URL "${url}" names no file: use sqlite:data/prayerbot.db or sqlite::memory:`);
    if (path !== ':memory:') {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (err) {
        throw new StoreError('unavailable', `cannot create the folder of SQLite database ${path}: ${(err as Error).message}`);
      }
    }
    const { SqliteStore } = await import('./sqlite-store.js');
    return SqliteStore.open(path);
  }
  throw new StoreError(
    'bad_url',
    `DATABASE_URL "${redactUrl(url)}" is not a database prayerbot knows: use sqlite:<file> (default sqlite:data/prayerbot.db), ` +
      'sqlite::memory:, or postgres://user:password@host:5432/database',
  );
}

/** `sqlite:data/x.db` → `data/x.db`; `sqlite:///abs/x.db` → `/abs/x.db`; `sqlite::memory:` → `:memory:`. */
export function sqlitePath(url: string): string {
  const rest = url.slice('sqlite:'.length);
  return rest.startsWith('//') ? rest.slice(2) : rest;
}
