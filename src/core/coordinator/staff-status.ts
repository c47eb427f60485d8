// Is a coordinator page session's actor still staff? The page asks at sign-in, at least every
// 10 minutes and after a config reload, and ends the sessions of anyone who is no longer.
// Slack staff are listed in the config; Discord staff hold a role, which only Discord knows
// per member, so the Discord platform is asked (over REST) in the servers of the configured
// channels. `cli` and `console` are whoever runs the bot: always staff.
import { errorLogFields } from '../errors.js';
import type { ChatPlatform, Log } from '../ports.js';
import type { Config, PlatformName } from '../types.js';

/** `unknown`: the platform could not say (Discord unreachable, or not running here). */
export type StaffVerdict = 'staff' | 'not-staff' | 'unknown';

export interface StaffCheck {
  /** The config in force (hot reload replaces it). */
  plan(): { config: Config };
  /** Platforms running in this process; Discord's answers who holds which roles. */
  platforms: ReadonlyMap<PlatformName, ChatPlatform>;
  log?: Log;
}

/** The Discord channels the config names (posting and staff reports), each once. */
function discordChannelIds(config: Config): string[] {
  const ids = [...config.channels, ...config.staffReport].filter((c) => c.platform === 'discord').map((c) => c.id);
  return [...new Set(ids)];
}

export async function staffVerdict(check: StaffCheck, actor: string): Promise<StaffVerdict> {
  if (actor === 'console' || actor === 'cli') return 'staff';
  const colon = actor.indexOf(':');
  const [platform, userId] = [actor.slice(0, colon), actor.slice(colon + 1)];
  if (colon < 1 || userId === '') return 'not-staff';
  const { staff } = check.plan().config;
  if (platform === 'slack') return staff.slackUsers.includes(userId) ? 'staff' : 'not-staff';
  if (platform !== 'discord') return 'not-staff';
  if (staff.discordRoles.length === 0) return 'not-staff'; // no role makes anyone staff
  const discord = check.platforms.get('discord');
  if (!discord?.memberRoles) return 'unknown';
  try {
    const roles = await discord.memberRoles(userId, discordChannelIds(check.plan().config));
    return roles?.some((role) => staff.discordRoles.includes(role)) ? 'staff' : 'not-staff';
  } catch (error) {
    // Never the actor: a user id does not belong in a log line.
    check.log?.warn(errorLogFields(error), 'could not ask Discord whether a coordinator still holds a staff role');
    return 'unknown';
  }
}

/**
 * True only when `actor` is staff now as far as can be told. Fails closed: a Discord member
 * whose roles cannot be read right now counts as not staff. A caller that would rather keep a
 * session through a Discord outage (refusing only the request, asking again on the next) uses
 * `staffVerdict` and treats `unknown` so.
 */
export async function isStillStaff(check: StaffCheck, actor: string): Promise<boolean> {
  return (await staffVerdict(check, actor)) === 'staff';
}
