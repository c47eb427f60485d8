// What the ledger says about one part of a day's post, in words: posted, due, late, skipped,
// refused (with the reason), failed, retracted. A word always comes with the colour.
import { formatTimeIn } from '../core/time.js';
import type { PostPart } from '../core/types.js';
import type { PostRecord } from '../core/store.js';

export type StatusKind = 'posted' | 'due' | 'late' | 'skipped' | 'refused' | 'failed' | 'retracted' | 'expired' | 'sending';

export interface PartStatus {
  kind: StatusKind;
  label: string;
  detail?: string;
}

export interface StatusFacts {
  now: Date;
  zone: string;
  catchUpHours: number;
  /** Every request of the part is retracted. */
  retracted: boolean;
  /** Why the privacy guard refused the channel, when it did. */
  refusal?: string;
}

export function partStatus(part: PostPart, record: PostRecord | undefined, facts: StatusFacts): PartStatus {
  const at = (d: Date) => formatTimeIn(d, facts.zone);
  if (record) {
    switch (record.state) {
      case 'sent':
        return { kind: 'posted', label: 'Posted', ...(record.sentAt ? { detail: `at ${at(record.sentAt)}` } : {}) };
      case 'retired':
        return { kind: 'expired', label: 'Posted, then taken down', detail: 'its requests expired' };
      case 'retracted':
        return { kind: 'retracted', label: 'Retracted', detail: 'taken down everywhere' };
      case 'failed':
        return {
          kind: 'failed',
          label: 'Failed',
          detail: `${record.lastError ?? 'unknown error'}; ${record.retryable ? 'the bot tries again' : `send it by hand with prayerbot post --date ${part.date}`}`,
        };
      case 'skipped':
        return { kind: 'skipped', label: 'Skipped', detail: record.lastError ?? `more than ${facts.catchUpHours} hours late` };
      case 'claimed':
        return { kind: 'sending', label: 'Sending now' };
    }
  }
  if (facts.retracted) return { kind: 'retracted', label: 'Retracted', detail: 'will not be posted' };
  const lateMs = facts.now.getTime() - part.postAt.getTime();
  if (lateMs < 0) return { kind: 'due', label: 'Due', detail: `at ${at(part.postAt)}` };
  if (facts.refusal) return { kind: 'refused', label: 'Refused', detail: facts.refusal };
  if (lateMs < facts.catchUpHours * 3_600_000) {
    return { kind: 'late', label: 'Late', detail: `not sent yet; the bot catches up until ${at(new Date(part.postAt.getTime() + facts.catchUpHours * 3_600_000))}` };
  }
  return { kind: 'skipped', label: 'Not sent', detail: `more than ${facts.catchUpHours} hours late` };
}
