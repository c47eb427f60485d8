// The world behind the fake Discord (test/fakes/discord-rest.ts serves it over REST,
// test/fakes/discord-gateway.ts over the gateway WebSocket): servers, roles, channels with
// permission overwrites, members, messages, reactions (normal and burst) and interactions,
// all in memory. Every change a real Discord would announce is emitted as a gateway dispatch
// (`state.on('dispatch', …)`), which the gateway filters by shard and intents.
//
//   const g = state.addGuild({ name: 'Volunteers' });            // @everyone, owner, bot + its role
//   const staff = state.addRole(g.id, { name: 'Staff' });
//   const ch = state.addChannel(g.id, { name: 'prayer', overwrites: [deny(g.id, VIEW)] });
//   const m = state.createMessage(ch.id, { authorId: state.bot.id, embeds: [...] });
//   state.addReaction(ch.id, m.id, userId, '🙏🏽', { burst: true });   // + MESSAGE_REACTION_ADD
//
// Ids are snowflakes made from the fake's clock (`now` option), so `after=<snowflake of a
// time>` queries behave as on Discord.
import { EventEmitter } from 'node:events';
import { PermissionFlagsBits } from 'discord.js';

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  MessageContent: 1 << 15,
} as const;
export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

export const P = PermissionFlagsBits;
/** What @everyone holds in a new Discord server (the parts that matter here). */
export const DEFAULT_EVERYONE_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory | P.AddReactions | P.UseApplicationCommands;
/** What the bot's own role gets from the invite link (docs/discord-setup.md). */
export const BOT_INVITE_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AddReactions | P.ReadMessageHistory | P.ManageMessages;

const DISCORD_EPOCH = 1_420_070_400_000n;

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  bot?: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  flags: number;
  tags?: { bot_id?: string };
}

export interface FakeOverwrite {
  id: string;
  /** 0 role, 1 member. */
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface FakeMember {
  user: FakeUser;
  roles: string[];
  joined_at: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  owner_id: string;
  features: string[];
  roles: FakeRole[];
  members: Map<string, FakeMember>;
}

export interface FakeChannel {
  id: string;
  guild_id: string;
  type: number;
  name: string;
  position: number;
  permission_overwrites: FakeOverwrite[];
  parent_id?: string;
  thread_metadata?: { archived: boolean; locked: boolean; auto_archive_duration: number; archive_timestamp: string };
}

export interface FakeReaction {
  emoji: string;
  normal: string[];
  burst: string[];
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: FakeUser;
  content: string;
  embeds: Array<Record<string, unknown>>;
  /** Message components (action rows of buttons); none when absent. */
  components?: Array<Record<string, unknown>>;
  nonce?: string | number;
  allowed_mentions?: unknown;
  flags: number;
  createdAt: number;
  edited_timestamp: string | null;
  reactions: FakeReaction[];
  webhook_id?: string;
}

export interface FakeInteraction {
  id: string;
  token: string;
  type: number;
  guildId?: string;
  channelId: string;
  userId: string;
  /** Callbacks received, in order: `{ type, data }` bodies. */
  callbacks: Array<{ type: number; data?: Record<string, unknown> }>;
  /** The reply (type 4) or the deferred placeholder edited later (type 5). */
  original?: FakeMessage;
  followups: FakeMessage[];
}

export interface Dispatch {
  t: string;
  d: unknown;
  /** Routes the event to the shard of this guild; none → shard 0. */
  guildId?: string;
  /** The intent a session needs to receive it; none → every session of the shard. */
  intent?: number;
}

export interface FakeDiscordStateOptions {
  token?: string;
  now?: () => number;
  /** Shards /gateway/bot recommends (default 1). */
  shards?: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export function snowflakeAt(ms: number, increment = 0): string {
  return (((BigInt(ms) - DISCORD_EPOCH) << 22n) | BigInt(increment & 0xfff)).toString();
}

export function timeOfSnowflake(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** A permission overwrite in API form. */
export function overwrite(id: string, type: 'role' | 'member', allow: bigint = 0n, deny: bigint = 0n): FakeOverwrite {
  return { id, type: type === 'role' ? 0 : 1, allow: allow.toString(), deny: deny.toString() };
}

export class FakeDiscordState extends EventEmitter {
  readonly token: string;
  readonly now: () => number;
  shardCount: number;
  readonly bot: FakeUser;
  readonly applicationId: string;
  readonly users = new Map<string, FakeUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  private readonly messagesByChannel = new Map<string, FakeMessage[]>();
  /** Channels whose payloads leave `permission_overwrites` out (the overwrites still apply). */
  private readonly overwritesWithheld = new Set<string>();
  readonly interactions = new Map<string, FakeInteraction>();
  /** Commands registered: key `global` or the guild id. */
  readonly commands = new Map<string, Array<Record<string, unknown>>>();
  private increment = 0;

  constructor(options: FakeDiscordStateOptions = {}) {
    super();
    this.token = options.token ?? 'fake-discord-bot-token';
    this.now = options.now ?? Date.now;
    this.shardCount = options.shards ?? 1;
    this.bot = this.addUser({ username: 'prayerbot', bot: true });
    this.applicationId = this.bot.id;
  }

  /** A fresh snowflake at `at` (default now). */
  id(at?: number): string {
    this.increment = (this.increment + 1) & 0xfff;
    return snowflakeAt(at ?? this.now(), this.increment);
  }

  dispatch(event: Dispatch): void {
    this.emit('dispatch', event);
  }

  // ---- users, servers, roles, channels --------------------------------------------------

  addUser(input: { id?: string; username: string; bot?: boolean }): FakeUser {
    const user: FakeUser = {
      id: input.id ?? this.id(),
      username: input.username,
      discriminator: '0',
      global_name: null,
      avatar: null,
      ...(input.bot ? { bot: true } : {}),
    };
    this.users.set(user.id, user);
    return user;
  }

  addGuild(input: { id?: string; name?: string; features?: string[]; everyonePermissions?: bigint; ownerName?: string } = {}): FakeGuild {
    const id = input.id ?? this.id();
    const owner = this.addUser({ username: input.ownerName ?? 'server-owner' });
    const guild: FakeGuild = {
      id,
      name: input.name ?? 'Fake server',
      owner_id: owner.id,
      features: input.features ?? [],
      roles: [this.role(id, '@everyone', input.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0)],
      members: new Map(),
    };
    this.guilds.set(id, guild);
    guild.members.set(owner.id, { user: owner, roles: [], joined_at: iso(this.now()) });
    const botRole = this.role(this.id(), this.bot.username, BOT_INVITE_PERMISSIONS, 1, { managed: true, tags: { bot_id: this.bot.id } });
    guild.roles.push(botRole);
    guild.members.set(this.bot.id, { user: this.bot, roles: [botRole.id], joined_at: iso(this.now()) });
    this.dispatch({ t: 'GUILD_CREATE', d: this.guildCreatePayload(id), guildId: id, intent: Intent.Guilds });
    return guild;
  }

  private role(id: string, name: string, permissions: bigint, position: number, extra: Partial<FakeRole> = {}): FakeRole {
    return {
      id,
      name,
      permissions: permissions.toString(),
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
      ...extra,
    };
  }

  guild(id: string): FakeGuild {
    const g = this.guilds.get(id);
    if (!g) throw new Error(`fake Discord: no guild ${id}`);
    return g;
  }

  botRole(guildId: string): FakeRole {
    const role = this.guild(guildId).roles.find((r) => r.tags?.bot_id === this.bot.id);
    if (!role) throw new Error('fake Discord: the bot has no role');
    return role;
  }

  addRole(guildId: string, input: { id?: string; name: string; permissions?: bigint }): FakeRole {
    const guild = this.guild(guildId);
    const role = this.role(input.id ?? this.id(), input.name, input.permissions ?? 0n, guild.roles.length);
    guild.roles.push(role);
    this.dispatch({ t: 'GUILD_ROLE_CREATE', d: { guild_id: guildId, role }, guildId, intent: Intent.Guilds });
    return role;
  }

  updateRole(guildId: string, roleId: string, patch: { name?: string; permissions?: bigint }): FakeRole {
    const role = this.guild(guildId).roles.find((r) => r.id === roleId);
    if (!role) throw new Error(`fake Discord: no role ${roleId}`);
    if (patch.name !== undefined) role.name = patch.name;
    if (patch.permissions !== undefined) role.permissions = patch.permissions.toString();
    this.dispatch({ t: 'GUILD_ROLE_UPDATE', d: { guild_id: guildId, role }, guildId, intent: Intent.Guilds });
    return role;
  }

  setFeatures(guildId: string, features: string[]): void {
    const guild = this.guild(guildId);
    guild.features = features;
    this.dispatch({ t: 'GUILD_UPDATE', d: this.guildPayload(guild), guildId, intent: Intent.Guilds });
  }

  /** A member (and user); GUILD_MEMBER_ADD is privileged, so nothing is dispatched. */
  addMember(guildId: string, input: { id?: string; username?: string; roles?: string[] } = {}): FakeMember {
    const guild = this.guild(guildId);
    const user = (input.id && this.users.get(input.id)) || this.addUser({ ...(input.id ? { id: input.id } : {}), username: input.username ?? 'member' });
    const member: FakeMember = { user, roles: input.roles ?? [], joined_at: iso(this.now()) };
    guild.members.set(user.id, member);
    return member;
  }

  addChannel(
    guildId: string,
    input: { id?: string; name: string; type?: number; overwrites?: FakeOverwrite[]; parentId?: string; archived?: boolean },
  ): FakeChannel {
    this.guild(guildId);
    const channel: FakeChannel = {
      id: input.id ?? this.id(),
      guild_id: guildId,
      type: input.type ?? 0,
      name: input.name,
      position: this.channels.size,
      permission_overwrites: input.overwrites ?? [],
      ...(input.parentId ? { parent_id: input.parentId } : {}),
    };
    if (channel.type === 11 || channel.type === 12) {
      channel.thread_metadata = { archived: input.archived ?? false, locked: false, auto_archive_duration: 1440, archive_timestamp: iso(this.now()) };
    }
    this.channels.set(channel.id, channel);
    this.messagesByChannel.set(channel.id, []);
    const isThread = channel.thread_metadata !== undefined;
    this.dispatch({ t: isThread ? 'THREAD_CREATE' : 'CHANNEL_CREATE', d: this.channelPayload(channel), guildId, intent: Intent.Guilds });
    return channel;
  }

  channel(id: string): FakeChannel | undefined {
    return this.channels.get(id);
  }

  setOverwrites(channelId: string, overwrites: FakeOverwrite[]): void {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`fake Discord: no channel ${channelId}`);
    channel.permission_overwrites = overwrites;
    this.dispatch({ t: 'CHANNEL_UPDATE', d: this.channelPayload(channel), guildId: channel.guild_id, intent: Intent.Guilds });
  }

  /**
   * From now on the channel's payloads (REST, GUILD_CREATE, channel dispatches) leave out
   * `permission_overwrites`, while Discord's arithmetic here still applies them: who can see
   * it is unknown to the bot. Call it before the bot logs in (discord.js keeps the overwrites
   * it already has when an update leaves the field out).
   */
  withholdOverwrites(channelId: string): void {
    this.overwritesWithheld.add(channelId);
  }

  /** A channel as Discord sends it. */
  channelPayload(channel: FakeChannel): Record<string, unknown> {
    if (!this.overwritesWithheld.has(channel.id)) return { ...channel };
    const { permission_overwrites: _withheld, ...rest } = channel;
    return rest;
  }

  deleteChannel(channelId: string): void {
    const channel = this.channels.get(channelId);
    if (!channel) return;
    this.channels.delete(channelId);
    this.messagesByChannel.delete(channelId);
    this.dispatch({ t: 'CHANNEL_DELETE', d: channel, guildId: channel.guild_id, intent: Intent.Guilds });
  }

  // ---- permissions (Discord's arithmetic, written independently of the adapter's) ---------

  permissionsIn(channelId: string, userId: string): bigint {
    const channel = this.channels.get(channelId);
    if (!channel) return 0n;
    const guild = this.guild(channel.guild_id);
    if (guild.owner_id === userId) return (1n << 64n) - 1n;
    const member = guild.members.get(userId);
    if (!member) return 0n;
    const source = channel.parent_id && channel.thread_metadata ? (this.channels.get(channel.parent_id) ?? channel) : channel;
    let perms = 0n;
    for (const role of guild.roles) {
      if (role.id === guild.id || member.roles.includes(role.id)) perms |= BigInt(role.permissions);
    }
    if (perms & P.Administrator) return (1n << 64n) - 1n;
    const ows = source.permission_overwrites;
    const apply = (o: FakeOverwrite | undefined) => {
      if (o) perms = (perms & ~BigInt(o.deny)) | BigInt(o.allow);
    };
    apply(ows.find((o) => o.type === 0 && o.id === guild.id));
    let allow = 0n;
    let deny = 0n;
    for (const o of ows) {
      if (o.type === 0 && o.id !== guild.id && member.roles.includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    perms = (perms & ~deny) | allow;
    apply(ows.find((o) => o.type === 1 && o.id === userId));
    return perms & P.ViewChannel ? perms : 0n;
  }

  // ---- messages and reactions ------------------------------------------------------------

  messages(channelId: string): FakeMessage[] {
    return this.messagesByChannel.get(channelId) ?? [];
  }

  message(channelId: string, messageId: string): FakeMessage | undefined {
    return this.messages(channelId).find((m) => m.id === messageId);
  }

  /** Stores a message as if posted at `at` (default now); dispatches MESSAGE_CREATE. */
  createMessage(
    channelId: string,
    input: {
      authorId: string;
      content?: string;
      embeds?: Array<Record<string, unknown>>;
      components?: Array<Record<string, unknown>>;
      nonce?: string | number;
      at?: number;
      flags?: number;
      allowedMentions?: unknown;
    },
  ): FakeMessage {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`fake Discord: no channel ${channelId}`);
    const author = this.users.get(input.authorId);
    if (!author) throw new Error(`fake Discord: no user ${input.authorId}`);
    const at = input.at ?? this.now();
    const message: FakeMessage = {
      id: this.id(at),
      channel_id: channelId,
      guild_id: channel.guild_id,
      author,
      content: input.content ?? '',
      embeds: input.embeds ?? [],
      ...(input.components !== undefined ? { components: input.components } : {}),
      ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
      ...(input.allowedMentions !== undefined ? { allowed_mentions: input.allowedMentions } : {}),
      flags: input.flags ?? 0,
      createdAt: at,
      edited_timestamp: null,
      reactions: [],
    };
    const list = this.messages(channelId);
    list.push(message);
    list.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    this.dispatch({ t: 'MESSAGE_CREATE', d: this.messagePayload(message), guildId: channel.guild_id, intent: Intent.GuildMessages });
    return message;
  }

  editMessage(message: FakeMessage, patch: { content?: string; embeds?: Array<Record<string, unknown>>; components?: Array<Record<string, unknown>> }): void {
    if (patch.content !== undefined) message.content = patch.content;
    if (patch.embeds !== undefined) message.embeds = patch.embeds;
    if (patch.components !== undefined) message.components = patch.components;
    message.edited_timestamp = iso(this.now());
  }

  deleteMessage(channelId: string, messageId: string): boolean {
    const list = this.messages(channelId);
    const i = list.findIndex((m) => m.id === messageId);
    if (i < 0) return false;
    list.splice(i, 1);
    const channel = this.channels.get(channelId);
    this.dispatch({ t: 'MESSAGE_DELETE', d: { id: messageId, channel_id: channelId, guild_id: channel?.guild_id }, ...(channel ? { guildId: channel.guild_id } : {}), intent: Intent.GuildMessages });
    return true;
  }

  private reactionOf(message: FakeMessage, emoji: string, create: boolean): FakeReaction | undefined {
    let r = message.reactions.find((x) => x.emoji === emoji);
    if (!r && create) {
      r = { emoji, normal: [], burst: [] };
      message.reactions.push(r);
    }
    return r;
  }

  private reactionBase(message: FakeMessage, emoji: string) {
    return {
      channel_id: message.channel_id,
      message_id: message.id,
      ...(message.guild_id ? { guild_id: message.guild_id } : {}),
      emoji: { id: null, name: emoji },
    };
  }

  /** A person (or the bot) reacts; dispatches MESSAGE_REACTION_ADD. False if already there. */
  addReaction(channelId: string, messageId: string, userId: string, emoji: string, options: { burst?: boolean } = {}): boolean {
    const message = this.requireMessage(channelId, messageId);
    const burst = options.burst === true;
    const r = this.reactionOf(message, emoji, true)!;
    const list = burst ? r.burst : r.normal;
    if (list.includes(userId)) return false;
    list.push(userId);
    const user = this.users.get(userId) ?? this.addUser({ id: userId, username: `user-${userId.slice(-4)}` });
    const member = message.guild_id ? this.guild(message.guild_id).members.get(userId) : undefined;
    this.dispatch({
      t: 'MESSAGE_REACTION_ADD',
      d: {
        ...this.reactionBase(message, emoji),
        user_id: userId,
        ...(message.guild_id ? { member: this.memberPayload(member ?? { user, roles: [], joined_at: iso(this.now()) }) } : {}),
        message_author_id: message.author.id,
        burst,
        burst_colors: burst ? ['#ffcc4d'] : [],
        type: burst ? 1 : 0,
      },
      ...(message.guild_id ? { guildId: message.guild_id } : {}),
      intent: Intent.GuildMessageReactions,
    });
    return true;
  }

  /** Dispatches MESSAGE_REACTION_REMOVE (no member, like Discord). False if not there. */
  removeReaction(channelId: string, messageId: string, userId: string, emoji: string, options: { burst?: boolean } = {}): boolean {
    const message = this.requireMessage(channelId, messageId);
    const burst = options.burst === true;
    const r = this.reactionOf(message, emoji, false);
    const list = r ? (burst ? r.burst : r.normal) : [];
    const i = list.indexOf(userId);
    if (!r || i < 0) return false;
    list.splice(i, 1);
    if (r.normal.length === 0 && r.burst.length === 0) message.reactions.splice(message.reactions.indexOf(r), 1);
    this.dispatch({
      t: 'MESSAGE_REACTION_REMOVE',
      d: { ...this.reactionBase(message, emoji), user_id: userId, burst, type: burst ? 1 : 0 },
      ...(message.guild_id ? { guildId: message.guild_id } : {}),
      intent: Intent.GuildMessageReactions,
    });
    return true;
  }

  /** Every reaction removed; dispatches MESSAGE_REACTION_REMOVE_ALL. */
  clearReactions(channelId: string, messageId: string): void {
    const message = this.requireMessage(channelId, messageId);
    message.reactions = [];
    this.dispatch({
      t: 'MESSAGE_REACTION_REMOVE_ALL',
      d: { channel_id: channelId, message_id: messageId, ...(message.guild_id ? { guild_id: message.guild_id } : {}) },
      ...(message.guild_id ? { guildId: message.guild_id } : {}),
      intent: Intent.GuildMessageReactions,
    });
  }

  /** Every reaction of one emoji (normal and burst) removed; dispatches REMOVE_EMOJI. */
  clearEmoji(channelId: string, messageId: string, emoji: string): void {
    const message = this.requireMessage(channelId, messageId);
    message.reactions = message.reactions.filter((r) => r.emoji !== emoji);
    this.dispatch({
      t: 'MESSAGE_REACTION_REMOVE_EMOJI',
      d: this.reactionBase(message, emoji),
      ...(message.guild_id ? { guildId: message.guild_id } : {}),
      intent: Intent.GuildMessageReactions,
    });
  }

  /** The buttons a message shows (type 2 inside its action rows). */
  buttons(channelId: string, messageId: string): Array<{ customId: string; label: string; style: number }> {
    const rows = (this.requireMessage(channelId, messageId).components ?? []) as Array<{ type?: number; components?: Array<Record<string, unknown>> }>;
    return rows
      .filter((row) => row.type === 1)
      .flatMap((row) => row.components ?? [])
      .filter((c) => c.type === 2 && typeof c.custom_id === 'string')
      .map((c) => ({ customId: c.custom_id as string, label: String(c.label ?? ''), style: Number(c.style) }));
  }

  requireMessage(channelId: string, messageId: string): FakeMessage {
    const m = this.message(channelId, messageId);
    if (!m) throw new Error(`fake Discord: no message ${messageId} in ${channelId}`);
    return m;
  }

  // ---- API payloads ----------------------------------------------------------------------

  memberPayload(member: FakeMember): Record<string, unknown> {
    return { user: member.user, roles: member.roles, joined_at: member.joined_at, deaf: false, mute: false, flags: 0, nick: null, avatar: null };
  }

  /** A message as Discord's REST returns it (`nonce` only in the create answer: `withNonce`). */
  messagePayload(m: FakeMessage, options: { viewerId?: string; withNonce?: boolean } = {}): Record<string, unknown> {
    const viewer = options.viewerId ?? this.bot.id;
    const payload: Record<string, unknown> = {
      id: m.id,
      type: 0,
      channel_id: m.channel_id,
      author: m.author,
      content: m.content,
      embeds: m.embeds,
      attachments: [],
      components: m.components ?? [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: m.flags,
      timestamp: iso(m.createdAt),
      edited_timestamp: m.edited_timestamp,
    };
    if (m.guild_id) payload.guild_id = m.guild_id;
    if (m.webhook_id) payload.webhook_id = m.webhook_id;
    if (options.withNonce && m.nonce !== undefined) payload.nonce = m.nonce;
    if (m.reactions.length > 0) {
      payload.reactions = m.reactions.map((r) => ({
        emoji: { id: null, name: r.emoji },
        count: r.normal.length + r.burst.length,
        count_details: { normal: r.normal.length, burst: r.burst.length },
        me: r.normal.includes(viewer),
        me_burst: r.burst.includes(viewer),
        burst_colors: r.burst.length > 0 ? ['#ffcc4d'] : [],
      }));
    }
    return payload;
  }

  guildPayload(guild: FakeGuild): Record<string, unknown> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.owner_id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: guild.roles,
      emojis: [],
      stickers: [],
      features: guild.features,
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
    };
  }

  /** GUILD_CREATE: the guild with its channels and threads, and the bot's own member. */
  guildCreatePayload(guildId: string): Record<string, unknown> {
    const guild = this.guild(guildId);
    const all = [...this.channels.values()].filter((c) => c.guild_id === guildId);
    const botMember = guild.members.get(this.bot.id);
    return {
      ...this.guildPayload(guild),
      unavailable: false,
      joined_at: botMember?.joined_at ?? iso(this.now()),
      large: false,
      member_count: guild.members.size,
      members: botMember ? [this.memberPayload(botMember)] : [],
      channels: all.filter((c) => !c.thread_metadata).map((c) => this.channelPayload(c)),
      threads: all.filter((c) => c.thread_metadata).map((c) => this.channelPayload(c)),
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  guildsOfShard(shardId: number, shardCount: number): FakeGuild[] {
    return [...this.guilds.values()].filter((g) => shardOf(g.id, shardCount) === shardId);
  }
}
