// Facts about a Discord channel for the core's privacy guard and for doctor: which server it
// is in, whether that server is public (DISCOVERABLE), who can see the channel, and whether
// the bot can. Read from the gateway cache when it has them, else over REST; the permission
// arithmetic itself is permissions.ts, and the policy (what may be posted where) the core's.
import { Routes, type APIChannel, type APIGuild, type APIGuildMember, type Client } from 'discord.js';
import type { ChannelInspection } from '../../core/ports.js';
import type { DiscordCalls } from './calls.js';
import { DiscordCode, isDiscordCode, toPlatformError } from './errors.js';
import { VIEW_CHANNEL, channelAccess, outsiders, type ChannelAccess, type ChannelFacts, type GuildFacts, type Lookup } from './permissions.js';

export class DiscordChannels {
  constructor(
    private readonly client: Client,
    private readonly calls: DiscordCalls,
    /** staff.discord_viewer_roles, read on every inspection (hot reload). */
    private readonly viewerRoleIds: () => string[],
  ) {}

  async inspectChannel(channelId: string): Promise<ChannelInspection> {
    const facts = await this.lookup(channelId);
    if ('state' in facts) return { state: facts.state, isPublic: false, externallyShared: false, outsiderViewers: [], detail: facts.detail };
    const access = await this.access(facts);
    const canView = (access.botPermissions & VIEW_CHANNEL) !== 0n;
    const where = `#${facts.channel.name} in ${facts.guild.name}`;
    return {
      state: facts.channel.archived ? 'archived' : canView ? 'ok' : 'no-access',
      isPublic: facts.guild.features.includes('DISCOVERABLE'),
      externallyShared: false,
      outsiderViewers: outsiders(access),
      detail: canView ? where : `${where}: the bot lacks View Channel`,
    };
  }

  /** Channel, guild and bot facts: from the gateway cache when it has them, else from REST. */
  async lookup(channelId: string): Promise<Lookup> {
    return this.cachedFacts(channelId) ?? (await this.restFacts(channelId));
  }

  /** Who can see the channel, and the bot's own permissions there. */
  async access(facts: ChannelFacts): Promise<ChannelAccess> {
    const botId = await this.calls.botId();
    const memberRoles = new Map<string, string[] | null>();
    // Member overwrites: always ask Discord (the member cache is not kept fresh without the
    // privileged GuildMembers intent, and a stale role list would hide an outsider).
    for (const o of facts.overwrites) {
      if (o.type !== 1 || o.id === botId) continue;
      memberRoles.set(o.id, await this.calls.memberRoles(facts.guild.id, o.id));
    }
    return channelAccess({
      guild: facts.guild,
      overwrites: facts.overwrites,
      botId,
      botRoleIds: facts.botRoleIds,
      memberRoles,
      viewerRoleIds: this.viewerRoleIds(),
    });
  }

  /** The server owner for humans: `name (id)`, or `user id` when the name cannot be read. */
  async ownerName(guild: GuildFacts): Promise<string> {
    const cached = this.client.users.cache.get(guild.ownerId);
    if (cached && !cached.partial) return `${cached.username} (${guild.ownerId})`;
    try {
      const member = (await this.calls.rest.get(Routes.guildMember(guild.id, guild.ownerId))) as APIGuildMember;
      return member.user ? `${member.user.username} (${guild.ownerId})` : `user ${guild.ownerId}`;
    } catch {
      return `user ${guild.ownerId}`;
    }
  }

  private cachedFacts(channelId: string): ChannelFacts | undefined {
    const channel = this.client.channels.cache.get(channelId);
    if (!channel || channel.isDMBased()) return undefined;
    const guild = channel.guild;
    const me = guild.members.me;
    if (!guild.available || !me) return undefined;
    // A thread has no overwrites of its own: its parent's apply.
    const source = channel.isThread() ? channel.parent : channel;
    if (!source || !('permissionOverwrites' in source)) return undefined;
    // discord.js leaves the overwrite cache empty both when a channel has none and when
    // Discord left the field out: an empty set is confirmed over REST, which can tell.
    if (source.permissionOverwrites.cache.size === 0) return undefined;
    return {
      channel: { id: channel.id, name: channel.name, archived: channel.isThread() ? channel.archived === true : false },
      guild: {
        id: guild.id,
        name: guild.name,
        ownerId: guild.ownerId,
        features: [...guild.features],
        roles: guild.roles.cache.map((r) => ({
          id: r.id,
          name: r.name,
          permissions: r.permissions.bitfield.toString(),
          ...(r.tags?.botId ? { botId: r.tags.botId } : {}),
        })),
      },
      overwrites: source.permissionOverwrites.cache.map((o) => ({
        id: o.id,
        type: o.type,
        allow: o.allow.bitfield.toString(),
        deny: o.deny.bitfield.toString(),
      })),
      botRoleIds: me.roles.cache.filter((r) => r.id !== guild.id).map((r) => r.id),
    };
  }

  private async restFacts(channelId: string): Promise<Lookup> {
    let channel: APIChannel;
    try {
      channel = (await this.calls.rest.get(Routes.channel(channelId))) as APIChannel;
    } catch (error) {
      if (isDiscordCode(error, DiscordCode.UnknownChannel)) return { state: 'missing', detail: `channel ${channelId} not found` };
      const e = toPlatformError(error, `read channel ${channelId}`);
      if (e.code === 'forbidden') return { state: 'no-access', detail: `the bot cannot see channel ${channelId}` };
      throw e;
    }
    if (!('guild_id' in channel) || !channel.guild_id) {
      return { state: 'no-access', detail: `channel ${channelId} is not in a server` };
    }
    const guildId = channel.guild_id;
    const what = `read server ${guildId}`;
    const guild = await this.calls.call<APIGuild>(what, () => this.calls.rest.get(Routes.guild(guildId)));
    const botId = await this.calls.botId();
    const me = await this.calls.call<APIGuildMember>(what, () => this.calls.rest.get(Routes.guildMember(guildId, botId)));
    const isThread = 'thread_metadata' in channel && channel.thread_metadata !== undefined;
    let source: APIChannel = channel;
    if (isThread && 'parent_id' in channel && channel.parent_id) {
      const parentId = channel.parent_id;
      source = await this.calls.call<APIChannel>(what, () => this.calls.rest.get(Routes.channel(parentId)));
    }
    // Without the overwrites nobody can say who sees the channel: fail closed, never "no one".
    const overwrites = 'permission_overwrites' in source ? source.permission_overwrites : undefined;
    if (!Array.isArray(overwrites)) {
      return { state: 'no-access', detail: `Discord did not say who can see channel ${channelId} (no permission overwrites in its answer)` };
    }
    return {
      channel: {
        id: channel.id,
        name: channel.name,
        archived: 'thread_metadata' in channel && channel.thread_metadata?.archived === true,
      },
      guild: {
        id: guild.id,
        name: guild.name,
        ownerId: guild.owner_id,
        features: [...guild.features],
        roles: guild.roles.map((r) => ({
          id: r.id,
          name: r.name,
          permissions: r.permissions,
          ...(r.tags?.bot_id ? { botId: r.tags.bot_id } : {}),
        })),
      },
      overwrites: overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow, deny: o.deny })),
      botRoleIds: me.roles,
    };
  }
}
