// Ledger rules the core and both stores share, kept in one place so the sweep, SQLite and
// PostgreSQL cannot drift apart.
import type { PostRecord } from './store.js';

/**
 * Whether a new claim may take an existing ledger entry: only a claim whose lease has run
 * out, or a failure the sweep may retry. `sent`, `skipped`, `retired` and `retracted` are
 * final; a live lease belongs to its holder, even when the same owner asks again (a
 * duplicate cron firing in one process must not send twice).
 */
export function canTakeOver(record: PostRecord, now: Date): boolean {
  if (record.state === 'claimed') return record.leaseUntil !== null && record.leaseUntil.getTime() <= now.getTime();
  if (record.state === 'failed') return record.retryable;
  return false;
}

/** The instant a lease of `ms` taken at `now` runs out. */
export function leaseEnd(now: Date, ms: number): Date {
  return new Date(now.getTime() + ms);
}
