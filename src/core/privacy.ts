// The privacy guard's policy, applied before every post and every staff report (and read by
// /pray). Platforms only report facts (ChannelInspection); the decision is made here, the
// same way for every platform.
import type { ChannelInspection } from './ports.js';
import type { ChannelConfig } from './types.js';

export type GuardVerdict =
  /** Allowed. What the channel may carry is `channelMayCarry`'s to say (src/core/plan/channel-posts.ts). */
  | { allowed: true }
  /** Refused; `disable` when the channel is gone (archived, deleted) and should not be tried again. */
  | { allowed: false; reason: string; disable: boolean };

export function privacyVerdict(channel: ChannelConfig, facts: ChannelInspection): GuardVerdict {
  const unreachable = reachability(facts);
  if (unreachable) return unreachable;

  const exposed = facts.isPublic || facts.externallyShared;
  if (exposed && !channel.allowPublic) {
    return { allowed: false, reason: `the channel is ${exposure(facts)}; requests go only to private channels (set allow_public: true to send it everyone-requests)`, disable: false };
  }
  if (channel.audience === 'staff' && facts.outsiderViewers.length > 0) {
    return {
      allowed: false,
      reason: `this staff channel is visible to people outside the staff viewer roles: ${facts.outsiderViewers.join(', ')}`,
      disable: false,
    };
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
  if (facts.isPublic || facts.externallyShared) return { allowed: false, reason: `the channel is ${exposure(facts)}`, disable: false };
  if (facts.outsiderViewers.length > 0) {
    return { allowed: false, reason: `the channel is visible to people outside the staff viewer roles: ${facts.outsiderViewers.join(', ')}`, disable: false };
  }
  return { allowed: true };
}

function reachability(facts: ChannelInspection): Extract<GuardVerdict, { allowed: false }> | undefined {
  if (facts.state === 'missing') return { allowed: false, reason: 'the channel does not exist or the bot cannot see it', disable: true };
  if (facts.state === 'archived') return { allowed: false, reason: 'the channel is archived', disable: true };
  if (facts.state === 'no-access') return { allowed: false, reason: `the bot has no access to the channel${facts.detail ? ` (${facts.detail})` : ''}`, disable: false };
  return undefined;
}

function exposure(facts: ChannelInspection): string {
  return facts.externallyShared ? 'shared with another organisation' : 'public';
}
