// The row shapes both stores read and their one mapping to the core's records. The drivers
// differ only in how a row holds a time, a list and a flag (SQLite: epoch ms, JSON text and
// 0/1; PostgreSQL: Date, text[] and boolean), so each store passes its three readers and the
// column-to-field mapping lives here once.
import type { PostRecord, PostState, SavedWeek } from '../core/store.js';
import type { PlatformName } from '../core/types.js';

export const DAY_MS = 86_400_000;

/** A `posts` row (or an earlier copy selected as one) as a driver returns it. */
export interface PostRow<Time, List, Flag> {
  key: string;
  platform: PlatformName;
  channel_id: string;
  date: string;
  part: number;
  week: string;
  state: PostState;
  regions: List;
  request_keys: List;
  owner: string | null;
  lease_until: Time | null;
  claimed_at: Time | null;
  message_id: string | null;
  sent_at: Time | null;
  attempts: number;
  last_error: string | null;
  retryable: Flag;
  ended_at: Time | null;
  frozen_count: number | null;
}

/** How one driver's column values become the core's types. */
export interface RowReaders<Time, List, Flag> {
  time(value: Time): Date;
  list(value: List): string[];
  flag(value: Flag): boolean;
}

export function postFromRow<Time, List, Flag>(row: PostRow<Time, List, Flag>, read: RowReaders<Time, List, Flag>): PostRecord {
  const time = (value: Time | null): Date | null => (value === null ? null : read.time(value));
  return {
    key: row.key,
    platform: row.platform,
    channelId: row.channel_id,
    date: row.date,
    part: row.part,
    week: row.week,
    state: row.state,
    regions: read.list(row.regions),
    requestKeys: read.list(row.request_keys),
    owner: row.owner,
    leaseUntil: time(row.lease_until),
    claimedAt: time(row.claimed_at),
    messageId: row.message_id,
    sentAt: time(row.sent_at),
    attempts: row.attempts,
    lastError: row.last_error,
    retryable: read.flag(row.retryable),
    endedAt: time(row.ended_at),
    frozenCount: row.frozen_count,
  };
}

/** A `saved_weeks` row as a driver returns it. */
export interface SavedWeekRow<Time> {
  week: string;
  version: number;
  yaml: string;
  actor: string;
  saved_at: Time;
}

export function savedWeekFromRow<Time>(row: SavedWeekRow<Time>, time: (value: Time) => Date): SavedWeek {
  return { week: row.week, version: row.version, yaml: row.yaml, actor: row.actor, savedAt: time(row.saved_at) };
}
