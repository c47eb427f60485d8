// Who holds which roles, for the core's staff re-check of coordinator page sessions: a
// member's roles in the servers of the configured channels, always read over REST (without
// the privileged GuildMembers intent the member cache is not kept fresh, and a role taken
// away must end a session). Which roles make staff is the core's decision.
import { Routes, type APIChannel, type Client } from 'discord.js';
import type { DiscordCalls } from './calls.js';
import { toPlatformError } from './errors.js';

export class DiscordMembers {
  constructor(
    private readonly client: Client,
    private readonly calls: DiscordCalls,
  ) {}

  /** The roles `userId` holds in the servers of these channels; undefined when in none of them. */
  async memberRoles(userId: string, channelIds: string[]): Promise<string[] | undefined> {
    const guilds = new Set<string>();
    for (const channelId of channelIds) {
      const guildId = await this.guildOf(channelId);
      if (guildId !== undefined) guilds.add(guildId);
    }
    let member = false;
    const roles = new Set<string>();
    for (const guildId of guilds) {
      const held = await this.calls.memberRoles(guildId, userId);
      if (held === null) continue;
      member = true;
      for (const role of held) roles.add(role);
    }
    return member ? [...roles] : undefined;
  }

  /** The server of a channel: from the gateway cache, else REST; undefined when none can be found. */
  private async guildOf(channelId: string): Promise<string | undefined> {
    const cached = this.client.channels.cache.get(channelId);
    if (cached && !cached.isDMBased()) return cached.guildId;
    let channel: APIChannel;
    try {
      channel = (await this.calls.rest.get(Routes.channel(channelId))) as APIChannel;
    } catch (error) {
      const e = toPlatformError(error, `read channel ${channelId}`);
      // A channel gone or hidden from the bot names no server to ask in.
      if (e.code === 'channel_gone' || e.code === 'forbidden') return undefined;
      throw e;
    }
    return 'guild_id' in channel && channel.guild_id ? channel.guild_id : undefined;
  }
}
