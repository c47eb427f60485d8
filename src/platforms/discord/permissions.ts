// Who can see a Discord channel: Discord's permission arithmetic on plain API-shaped data,
// the same whether it came from the gateway cache or from REST. Pure functions; the privacy
// policy itself (what is allowed where) lives in the core.
//
// Effective permissions of a member (Discord's documented order): @everyone's permissions OR
// the member's roles' permissions; Administrator (or being the owner) means everything;
// otherwise apply the @everyone overwrite (deny, then allow), then all of the member's role
// overwrites together (deny, then allow), then the member's own overwrite.
import { PermissionFlagsBits } from 'discord.js';

export const VIEW_CHANNEL = PermissionFlagsBits.ViewChannel;
const ADMINISTRATOR = PermissionFlagsBits.Administrator;
const ALL = (1n << 64n) - 1n;
/** How a member override is named: never by the member's id, a user id. */
const MEMBER = 'a member override';
const MEMBER_GONE = 'a member override for someone no longer in the server';

export interface RoleFacts {
  id: string;
  name: string;
  /** Permission bits as Discord sends them (a decimal string). */
  permissions: string;
  /** The user id of the bot this role is managed for (`tags.bot_id`). */
  botId?: string;
}

export interface OverwriteFacts {
  id: string;
  /** 0 role, 1 member. */
  type: number;
  allow: string;
  deny: string;
}

export interface GuildFacts {
  id: string;
  name: string;
  ownerId: string;
  features: string[];
  roles: RoleFacts[];
}

/** What is known of a channel, from the gateway cache or REST. */
export interface ChannelFacts {
  channel: { id: string; name: string; archived: boolean };
  guild: GuildFacts;
  /** The channel's overwrites (a thread's: its parent's). */
  overwrites: OverwriteFacts[];
  botRoleIds: string[];
}

/** Channel facts, or why there are none. */
export type Lookup = ChannelFacts | { state: 'missing' | 'no-access'; detail: string };

export interface Viewer {
  kind: 'role' | 'member';
  id: string;
  /**
   * For humans: `role @Volunteers (123)`, `a member override`. A member is never named by id:
   * a member id is a user id, and these labels reach alerts, logs and doctor.
   */
  label: string;
  /** A member override for someone no longer in the server. */
  gone?: boolean;
  administrator: boolean;
  /** This bot, or the role Discord manages for it. */
  isThisBot: boolean;
  /** A role in the viewer roles, or a member holding one. */
  isViewerRole: boolean;
}

export interface ChannelAccess {
  botPermissions: bigint;
  /** Every role and every member overwrite whose holder can see the channel. */
  viewers: Viewer[];
}

export interface AccessInput {
  guild: GuildFacts;
  overwrites: OverwriteFacts[];
  botId: string;
  botRoleIds: string[];
  /** Roles of each member that has a member overwrite; null when not in the server. */
  memberRoles: Map<string, string[] | null>;
  viewerRoleIds: string[];
}

function bits(value: string | undefined): bigint {
  try {
    return value ? BigInt(value) : 0n;
  } catch {
    return 0n;
  }
}

export function effectivePermissions(
  guild: GuildFacts,
  overwrites: OverwriteFacts[],
  roleIds: string[],
  memberId?: string,
): bigint {
  if (memberId !== undefined && memberId === guild.ownerId) return ALL;
  const roleById = new Map(guild.roles.map((r) => [r.id, r]));
  let p = bits(roleById.get(guild.id)?.permissions);
  for (const id of roleIds) p |= bits(roleById.get(id)?.permissions);
  if (p & ADMINISTRATOR) return ALL;

  const everyone = overwrites.find((o) => o.type === 0 && o.id === guild.id);
  if (everyone) p = (p & ~bits(everyone.deny)) | bits(everyone.allow);

  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== guild.id && roleIds.includes(o.id)) {
      allow |= bits(o.allow);
      deny |= bits(o.deny);
    }
  }
  p = (p & ~deny) | allow;

  if (memberId !== undefined) {
    const own = overwrites.find((o) => o.type === 1 && o.id === memberId);
    if (own) p = (p & ~bits(own.deny)) | bits(own.allow);
  }
  // Without View Channel, Discord denies every other channel permission too.
  return p & VIEW_CHANNEL ? p : 0n;
}

function roleLabel(role: RoleFacts, administrator: boolean): string {
  const name = role.name.replace(/^@/, '');
  return `role @${name} (${role.id}${administrator ? ', Administrator' : ''})`;
}

/**
 * Every role whose holders can see the channel (a member holding just that role, besides
 * @everyone), and every member overwrite whose member can see it. Checking roles one at a
 * time covers every combination: a member with several roles sees the channel only if one
 * of their roles alone would (an allowing role overwrite, a role with View Channel or
 * Administrator, or @everyone).
 */
export function channelAccess(input: AccessInput): ChannelAccess {
  const { guild, overwrites, botId } = input;
  const viewerRoles = new Set(input.viewerRoleIds);
  const viewers: Viewer[] = [];

  for (const role of guild.roles) {
    const roleIds = role.id === guild.id ? [] : [role.id];
    const p = effectivePermissions(guild, overwrites, roleIds);
    if (!(p & VIEW_CHANNEL)) continue;
    const administrator = ((bits(guild.roles.find((r) => r.id === guild.id)?.permissions) | bits(role.permissions)) & ADMINISTRATOR) !== 0n;
    viewers.push({
      kind: 'role',
      id: role.id,
      label: roleLabel(role, administrator),
      administrator,
      isThisBot: role.botId === botId,
      isViewerRole: viewerRoles.has(role.id),
    });
  }

  for (const o of overwrites) {
    if (o.type !== 1) continue;
    const roles = input.memberRoles.get(o.id);
    const p = effectivePermissions(guild, overwrites, roles ?? [], o.id);
    if (!(p & VIEW_CHANNEL)) continue;
    viewers.push({
      kind: 'member',
      id: o.id,
      label: roles === null ? MEMBER_GONE : MEMBER,
      ...(roles === null ? { gone: true } : {}),
      administrator: false,
      isThisBot: o.id === botId,
      isViewerRole: (roles ?? []).some((r) => viewerRoles.has(r)),
    });
  }

  return {
    botPermissions: effectivePermissions(guild, overwrites, input.botRoleIds, botId),
    viewers,
  };
}

/** The viewers that are neither viewer roles (or members holding one) nor this bot. */
export function outsiders(access: ChannelAccess): string[] {
  return viewerLabels(access.viewers.filter((v) => !v.isThisBot && !v.isViewerRole));
}

/** One label per role; member overrides counted ("3 member overrides"), never named. */
export function viewerLabels(viewers: Viewer[]): string[] {
  const labels = viewers.filter((v) => v.kind === 'role').map((v) => v.label);
  const members = viewers.filter((v) => v.kind === 'member' && !v.gone).length;
  const gone = viewers.filter((v) => v.kind === 'member' && v.gone).length;
  if (members > 0) labels.push(members === 1 ? MEMBER : `${members} member overrides`);
  if (gone > 0) labels.push(gone === 1 ? MEMBER_GONE : `${gone} member overrides for people no longer in the server`);
  return labels;
}

/** Permissions the bot needs in a post channel, with what each is for. */
export const NEEDED_PERMISSIONS: Array<{ flag: bigint; name: string; why: string; onlyForEditRetire?: boolean }> = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel', why: 'to see the channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages', why: 'to post' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links', why: 'posts are embeds' },
  { flag: PermissionFlagsBits.AddReactions, name: 'Add Reactions', why: 'to add the first 🙏' },
  { flag: PermissionFlagsBits.ReadMessageHistory, name: 'Read Message History', why: 'to count 🙏 and find posts after a restart' },
  {
    flag: PermissionFlagsBits.ManageMessages,
    name: 'Manage Messages',
    why: 'to clear the reactions of posts retired with retire: edit',
    onlyForEditRetire: true,
  },
];

/** The permissions integer of the invite link: every permission above. */
export const INVITE_PERMISSIONS = NEEDED_PERMISSIONS.reduce((acc, p) => acc | p.flag, 0n);
