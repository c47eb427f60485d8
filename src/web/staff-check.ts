// Is a session's actor still staff under the config in force? The page asks at sign-in, every
// 10 minutes, and after the staff rules change.
import type { Config } from '../core/types.js';

/**
 * `console` and `cli` are whoever runs the bot (its terminal, its shell): always staff. A
 * Slack user is staff while `staff.slack_users` lists them. Discord staff is a role, which
 * only Discord knows per member: the config can tell only that Discord staff roles still
 * exist, so a Discord session lasts while any are configured (at most its 12 hours).
 */
export function isStaffActor(config: Config, actor: string): boolean {
  if (actor === 'console' || actor === 'cli') return true;
  const [platform, id] = [actor.slice(0, actor.indexOf(':')), actor.slice(actor.indexOf(':') + 1)];
  if (platform === 'slack') return config.staff.slackUsers.includes(id);
  if (platform === 'discord') return config.staff.discordRoles.length > 0;
  return false;
}
