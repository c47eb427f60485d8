// The privacy guard's policy, applied before every post and every staff report (and read by
// /pray). Platforms only report facts (ChannelInspection); the decision is made here, the
// same way for every platform.
import { ENGLISH_LOCALE, type Messages } from '../i18n/index.js';
import type { ChannelInspection } from './ports.js';
import type { ChannelConfig } from './types.js';

/** Why a channel was refused, so staff can be told in their own language. */
export type RefusalReason =
  | { code: 'missing' }
  | { code: 'archived' }
  | { code: 'no-access'; detail?: string }
  | { code: 'public' }
  | { code: 'shared' }
  | { code: 'outsiders'; viewers: string[] }
  // A staff_report channel (reportChannelVerdict): no allow_public hint, which does not apply.
  | { code: 'report-public' }
  | { code: 'report-shared' }
  | { code: 'report-outsiders'; viewers: string[] };

export type GuardVerdict =
  /** Allowed. What the channel may carry is `channelMayCarry`'s to say (src/core/plan/channel-posts.ts). */
  | { allowed: true }
  /**
   * Refused; `disable` when the channel is gone (archived, deleted) and should not be tried
   * again. `reason` is `why` in English (logs, the audit log).
   */
  | { allowed: false; reason: string; why: RefusalReason; disable: boolean };

/** The refusals whose text takes nothing from the reason: each one message of the catalogue. */
const PLAIN_REFUSALS = {
  missing: 'refusedMissing',
  archived: 'refusedArchived',
  public: 'refusedPublic',
  shared: 'refusedShared',
  'report-public': 'reportRefusedPublic',
  'report-shared': 'reportRefusedShared',
} as const satisfies Partial<Record<RefusalReason['code'], keyof Messages>>;

/** A refusal's reason in a language. */
export function refusalText(m: Messages, why: RefusalReason): string {
  switch (why.code) {
    case 'no-access':
      return m.refusedNoAccess(why.detail ? { detail: why.detail } : {});
    case 'outsiders':
      return m.refusedOutsiders({ viewers: why.viewers.join(', ') });
    case 'report-outsiders':
      return m.reportRefusedOutsiders({ viewers: why.viewers.join(', ') });
    default:
      return m[PLAIN_REFUSALS[why.code]];
  }
}

function refused(why: RefusalReason, disable: boolean): Extract<GuardVerdict, { allowed: false }> {
  return { allowed: false, reason: refusalText(ENGLISH_LOCALE.messages, why), why, disable };
}

export function privacyVerdict(channel: ChannelConfig, facts: ChannelInspection): GuardVerdict {
  const unreachable = reachability(facts);
  if (unreachable) return unreachable;

  const exposed = facts.isPublic || facts.externallyShared;
  if (exposed && !channel.allowPublic) {
    return refused({ code: facts.externallyShared ? 'shared' : 'public' }, false);
  }
  if (channel.audience === 'staff' && facts.outsiderViewers.length > 0) {
    return refused({ code: 'outsiders', viewers: facts.outsiderViewers }, false);
  }
  return { allowed: true };
}

/**
 * The staff-channel rules for a `staff_report` channel (digests, alerts): private, not shared
 * with another organisation, and on Discord seen only by the staff viewer roles. No
 * `allow_public` loosens them: reports name channels, failures and totals meant for staff.
 */
export function reportChannelVerdict(facts: ChannelInspection): GuardVerdict {
  const unreachable = reachability(facts);
  if (unreachable) return unreachable;
  if (facts.isPublic || facts.externallyShared) return refused({ code: facts.externallyShared ? 'report-shared' : 'report-public' }, false);
  if (facts.outsiderViewers.length > 0) return refused({ code: 'report-outsiders', viewers: facts.outsiderViewers }, false);
  return { allowed: true };
}

function reachability(facts: ChannelInspection): Extract<GuardVerdict, { allowed: false }> | undefined {
  if (facts.state === 'missing') return refused({ code: 'missing' }, true);
  if (facts.state === 'archived') return refused({ code: 'archived' }, true);
  if (facts.state === 'no-access') return refused({ code: 'no-access', ...(facts.detail ? { detail: facts.detail } : {}) }, false);
  return undefined;
}
