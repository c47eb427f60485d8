// Errors of the store adapters: values with a `code` the caller can act on and a message a
// person can read. A message never carries a database password (see `redactUrl`).

import { CodedError } from '../core/errors.js';

export type StoreErrorCode =
  /** DATABASE_URL has a scheme we do not speak, or cannot be read. */
  | 'bad_url'
  /** A PostgreSQL schema name we refuse to put into SQL. */
  | 'bad_schema'
  /** The database was migrated by a newer prayerbot than this one. */
  | 'schema_too_new'
  /** The database cannot be reached or opened. */
  | 'unavailable'
  /**
   * A week was forgotten, but old copies of its key and hashes could not be wiped from the
   * database's files yet (SQLite: the WAL stayed busy; PostgreSQL: the vacuum failed).
   */
  | 'wipe_incomplete';

export class StoreError extends CodedError<StoreErrorCode> {}

/** The URL with any password replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a URL the WHATWG parser accepts: hide anything between `user:` and `@`.
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}
