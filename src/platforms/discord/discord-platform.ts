// The Discord adapter: discord.js 14 behind the core's ChatPlatform port. It translates and
// reports facts; the core decides (privacy policy, staff checks, tally maths).
//
// Outbound calls go through `client.rest` with `Routes`, so they work for channels the
// gateway cache has never seen and in commands that never log in (post, retire, doctor).
// Inbound: reactions (🙏 in any skin tone, burst reactions as their own variant), the two
// slash commands, and gateway re-identifies (→ resync).
import { randomBytes } from 'node:crypto';
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Options,
  Partials,
  Routes,
  type APIChannel,
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  type APIUser,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageReaction,
  type MessageReactionEventDetails,
  type PartialMessage,
  type PartialMessageReaction,
  type PartialUser,
  type RESTGetAPIChannelMessageReactionUsersResult,
  type RESTGetAPIGatewayBotResult,
  type RESTPatchAPIChannelMessageJSONBody,
  type User,
} from 'discord.js';
import type { Logger } from 'pino';
import type {
  ChannelInspection,
  ChatPlatform,
  Clock,
  Inbound,
  MessageLimits,
  PostDocument,
  PrayAnswer,
  PrayCommand,
  ReactionHolder,
  SentMessage,
} from '../../core/ports.js';
import { PlatformError } from '../../core/ports.js';
import type { ChannelConfig, PostPart } from '../../core/types.js';
import { PRAY_COMMAND, STAFF_COMMAND, putCommands } from './commands.js';
import { DiscordCode, isDiscordCode, toPlatformError } from './errors.js';
import { discordDoctor, type DoctorLine, type DoctorOptions } from './doctor.js';
import { VIEW_CHANNEL, channelAccess, outsiders, type ChannelAccess, type ChannelFacts, type GuildFacts, type Lookup } from './permissions.js';
import { discordEmojiOf, isVariantOf, variantName } from './reactions.js';
import {
  DISCORD,
  POST_LIMITS,
  ledgerKeyOfMarker,
  nonceOf,
  postEditBody,
  postMessageBody,
  renderAnswer,
  splitText,
  type AnswerMessage,
} from './render.js';
import { untilAborted } from '../../core/abortable.js';

export interface DiscordPlatformOptions {
  token: string;
  /** Defaults to the application of the token (`GET /applications/@me`). */
  applicationId?: string;
  /** DISCORD_API_URL: REST base without version; the gateway URL comes from its /gateway/bot. */
  apiUrl?: string;
  /** Neutral reaction name from the config (`pray` → 🙏), or the emoji itself. */
  reaction: string;
  /** staff.discord_viewer_roles, read on every inspection (hot reload). */
  viewerRoleIds: () => string[];
  logger: Logger;
  clock: Clock;
  /** 'auto' (default): discord.js asks /gateway/bot. A list: only these shards (a lease). */
  shards?: number[] | 'auto';
  /** Total shard count; required with a shard list. */
  shardCount?: number;
  /** Per-attempt REST timeout (default 10 s). A call is tried at most 3 times. */
  restTimeoutMs?: number;
  /** A 429 asking to wait longer than this fails the call as `rate_limited` (default 30 s). */
  maxRateLimitWaitMs?: number;
  /** /pray is deferred when the core has not answered within this (default 2 s). */
  deferAfterMs?: number;
  /** How long start() waits for the gateway to be ready (default 60 s). */
  startTimeoutMs?: number;
}

export interface DiscordPlatform extends ChatPlatform {
  readonly name: 'discord';
  /** Token, application, gateway, slash commands, and each Discord channel's access and privacy. */
  doctor(channels: ChannelConfig[], options?: DoctorOptions): Promise<DoctorLine[]>;
  /** Registers /pray and /pray-staff globally, or in one server. */
  deployCommands(guildId?: string): Promise<void>;
  /** The shard count Discord recommends for this bot (`GET /gateway/bot`), over REST alone. */
  recommendedShards(): Promise<number>;
}

/** Gateway intents: both unprivileged; nothing to enable in the Developer Portal. */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions] as const;

const DISCORD_EPOCH = 1_420_070_400_000n;
/** How far before a claim findPost looks, for clock skew between us and Discord. */
const FIND_SKEW_MS = 120_000;
/** Pages findPost and readReactions read at most before saying they cannot tell. */
const MAX_PAGES = 500;

function snowflakeAt(date: Date): string {
  const ms = BigInt(Math.max(0, date.getTime()));
  const delta = ms > DISCORD_EPOCH ? ms - DISCORD_EPOCH : 0n;
  return (delta << 22n).toString();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Settles with the promise, or rejects with `timeout` as soon as `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  return untilAborted(promise, signal, () => new PlatformError('timeout', `${what}: aborted (the claim ended)`));
}

class DiscordAdapter implements DiscordPlatform {
  readonly name = 'discord' as const;
  readonly limits: MessageLimits = POST_LIMITS;

  private readonly client: Client;
  private readonly emoji: string;
  private readonly log: Logger;
  private inbound: Inbound | undefined;
  private lastOrder = 0;
  private readonly readyShards = new Set<number>();
  private botUser: Promise<APIUser> | undefined;
  private started = false;

  constructor(private readonly options: DiscordPlatformOptions) {
    this.emoji = discordEmojiOf(options.reaction);
    this.log = options.logger;
    const maxWait = options.maxRateLimitWaitMs ?? 30_000;
    const shards = options.shards ?? 'auto';
    this.client = new Client({
      intents: [...DISCORD_INTENTS],
      // Reactions on messages the client never cached (posted before a restart, or past the
      // message cache) arrive only with these partials; REMOVE also needs User.
      partials: [Partials.Message, Partials.Reaction, Partials.User],
      allowedMentions: { parse: [] },
      // Reactions bring partial messages, users and members into the caches; nothing here reads
      // them back but the bot's own user and member, so they are kept small.
      makeCache: Options.cacheWithLimits({
        ...Options.DefaultMakeCacheSettings,
        MessageManager: 50,
        UserManager: { maxSize: 1_000, keepOverLimit: (user) => user.id === user.client.user.id },
        GuildMemberManager: { maxSize: 1_000, keepOverLimit: (member) => member.id === member.client.user.id },
      }),
      ...(shards === 'auto' ? { shards: 'auto' as const } : { shards, shardCount: options.shardCount ?? shards.length }),
      rest: {
        ...(options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {}),
        timeout: options.restTimeoutMs ?? 10_000,
        retries: 2,
        rejectOnRateLimit: (data) => data.retryAfter > maxWait,
      },
    });
    // REST works before (and without) a gateway login: post, retire and doctor use it alone.
    this.client.rest.setToken(options.token);
  }

  // ---- lifecycle ------------------------------------------------------------------------

  async start(inbound: Inbound): Promise<void> {
    if (this.started) throw new Error('the Discord platform was already started');
    this.started = true;
    this.inbound = inbound;
    this.attachListeners();
    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    let onDisconnect: ((event: { code: number }) => void) | undefined;
    try {
      await Promise.race([
        Promise.all([new Promise((resolve) => this.client.once(Events.ClientReady, resolve)), this.client.login(this.options.token)]),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new PlatformError('timeout', `Discord gateway not ready within ${timeoutMs / 1000} s`)),
            timeoutMs,
          );
          onDisconnect = (event) =>
            reject(new PlatformError('forbidden', `Discord closed the gateway with code ${event.code} (${closeReason(event.code)})`));
          this.client.once(Events.ShardDisconnect, onDisconnect);
        }),
      ]);
    } catch (error) {
      await this.client.destroy().catch(() => undefined);
      if (error instanceof PlatformError) throw error;
      if (error instanceof Error && 'code' in error && error.code === 'TokenInvalid') {
        throw new PlatformError('forbidden', 'Discord refused DISCORD_TOKEN: reset it under Developer Portal → Bot');
      }
      throw toPlatformError(error, 'Discord login');
    } finally {
      clearTimeout(timer);
      if (onDisconnect) this.client.off(Events.ShardDisconnect, onDisconnect);
    }
    this.log.info({ shards: [...this.client.ws.shards.keys()], guilds: this.client.guilds.cache.size }, 'Discord gateway ready');
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  ready(): boolean {
    return this.client.isReady();
  }

  // ---- inbound ---------------------------------------------------------------------------

  /** A listener that logs instead of throwing into discord.js (which would end the process). */
  private guard<A extends unknown[]>(what: string, listener: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      try {
        listener(...args);
      } catch (error) {
        this.log.error({ event: what, error: errorText(error) }, 'Discord event not handled');
      }
    };
  }

  private attachListeners(): void {
    const c = this.client;
    c.on(Events.MessageReactionAdd, this.guard('reaction add', (reaction, user, details) => this.onReaction(reaction, user, details, true)));
    c.on(Events.MessageReactionRemove, this.guard('reaction remove', (reaction, user, details) => this.onReaction(reaction, user, details, false)));
    c.on(Events.MessageReactionRemoveAll, this.guard('reactions cleared', (message) => this.onReactionsCleared(message, undefined)));
    c.on(
      Events.MessageReactionRemoveEmoji,
      this.guard('emoji cleared', (reaction) => this.onReactionsCleared(reaction.message, reaction.emoji.id ? null : reaction.emoji.name)),
    );
    c.on(Events.InteractionCreate, (interaction) => void this.onInteraction(interaction));
    c.on(
      Events.ShardReady,
      this.guard('shard ready', (shardId) => {
        // The first READY of a shard is the start (the core reconciles after start()); a later
        // one is a re-identify after a gap whose events are lost: the core must re-read.
        if (!this.readyShards.has(shardId)) {
          this.readyShards.add(shardId);
          return;
        }
        this.log.warn({ shardId }, 'Discord shard re-identified; asking for a resync');
        this.deliver('resync', (inbound) => inbound.resync('discord'));
      }),
    );
    c.on(Events.ShardResume, (shardId, replayed) => this.log.info({ shardId, replayed }, 'Discord shard resumed'));
    c.on(Events.ShardReconnecting, (shardId) => this.log.info({ shardId }, 'Discord shard reconnecting'));
    c.on(Events.ShardError, (error, shardId) => this.log.warn({ shardId, error: errorText(error) }, 'Discord shard error'));
    c.on(Events.Error, (error) => this.log.error({ error: errorText(error) }, 'Discord client error'));
  }

  /** Arrival time in µs, strictly increasing within this process. */
  private nextOrder(): number {
    const now = this.options.clock.now().getTime() * 1000;
    this.lastOrder = Math.max(now, this.lastOrder + 1);
    return this.lastOrder;
  }

  private deliver(what: string, call: (inbound: Inbound) => Promise<unknown>): void {
    const inbound = this.inbound;
    if (!inbound) return;
    Promise.resolve()
      .then(() => call(inbound))
      .catch((error: unknown) => this.log.error({ event: what, error: errorText(error) }, 'Discord event not handled'));
  }

  private onReaction(
    reaction: MessageReaction | PartialMessageReaction,
    user: User | PartialUser,
    details: MessageReactionEventDetails,
    present: boolean,
  ): void {
    const orderMicros = this.nextOrder();
    const name = reaction.emoji.name;
    if (reaction.emoji.id || !name || !isVariantOf(this.emoji, name)) return;
    if (user.id === this.client.user?.id) return;
    const event = {
      platform: 'discord' as const,
      channelId: reaction.message.channelId,
      messageId: reaction.message.id,
      userId: user.id,
      variant: variantName(name, details.burst === true),
      present,
      orderMicros,
    };
    this.deliver('reaction', (inbound) => inbound.reaction(event));
  }

  /** `emojiName` undefined: every reaction removed; null: a custom emoji (ignored). */
  private onReactionsCleared(message: Message | PartialMessage, emojiName: string | null | undefined): void {
    const base = { platform: 'discord' as const, channelId: message.channelId, messageId: message.id };
    if (emojiName === undefined) {
      const event = { ...base, orderMicros: this.nextOrder() };
      this.deliver('reactions cleared', (inbound) => inbound.reactionsCleared(event));
      return;
    }
    if (!emojiName || !isVariantOf(this.emoji, emojiName)) return;
    // Removing one emoji takes its normal and its burst reactions: two variants.
    for (const burst of [false, true]) {
      const event = { ...base, variant: variantName(emojiName, burst), orderMicros: this.nextOrder() };
      this.deliver('reactions cleared', (inbound) => inbound.reactionsCleared(event));
    }
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    const inbound = this.inbound;
    if (!inbound) return;
    try {
      if (interaction.isAutocomplete()) {
        const focused = interaction.options.getFocused(true);
        const choices =
          interaction.commandName === PRAY_COMMAND && focused.name === 'region'
            ? inbound
                .regionChoices(String(focused.value))
                .slice(0, 25)
                .map((c) => ({ name: c.name.slice(0, 100), value: c.value.slice(0, 100) }))
            : [];
        await interaction.respond(choices);
        return;
      }
      if (!interaction.isChatInputCommand()) return;
      const text = commandText(interaction);
      if (text === undefined) {
        await interaction.reply({ content: 'I do not know that command.', flags: MessageFlags.Ephemeral });
        return;
      }
      const command: PrayCommand = {
        platform: 'discord',
        channelId: interaction.channelId,
        userId: interaction.user.id,
        roleIds: roleIdsOf(interaction),
        text,
      };
      await this.answer(interaction, inbound.pray(command));
    } catch (error) {
      this.log.error({ interaction: interaction.type, error: errorText(error) }, 'Discord interaction not answered');
    }
  }

  /** Replies ephemerally; defers first when the core takes longer than `deferAfterMs`. */
  private async answer(interaction: ChatInputCommandInteraction, pending: Promise<PrayAnswer>): Promise<void> {
    const settled = pending.then(
      (answer) => ({ answer }),
      (error: unknown) => ({ error }),
    );
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), this.options.deferAfterMs ?? 2_000);
    });
    let result = await Promise.race([settled, slow]);
    clearTimeout(timer);
    if (result === 'slow') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      result = await settled;
    }
    let messages: AnswerMessage[];
    if ('answer' in result) {
      messages = renderAnswer(result.answer);
    } else {
      this.log.error({ command: interaction.commandName, error: errorText(result.error) }, '/pray failed in the core');
      messages = [{ content: 'Sorry, that did not work. Please try again in a moment.' }];
    }
    const [first, ...rest] = messages;
    const payload = (m: AnswerMessage | undefined) => ({
      content: m?.content ?? '',
      embeds: m?.embeds ?? [],
      allowedMentions: { parse: [] },
    });
    const quiet = 'answer' in result && result.answer.kind === 'text' && result.answer.noPreview === true; // a sign-in link: no embed preview
    if (interaction.deferred) await interaction.editReply({ ...payload(first), ...(quiet ? { flags: MessageFlags.SuppressEmbeds } : {}) });
    else await interaction.reply({ ...payload(first), flags: quiet ? MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds : MessageFlags.Ephemeral });
    for (const m of rest) await interaction.followUp({ ...payload(m), flags: MessageFlags.Ephemeral });
  }

  // ---- outbound --------------------------------------------------------------------------

  private async call<T>(what: string, request: (signal?: AbortSignal) => Promise<unknown>, signal?: AbortSignal): Promise<T> {
    try {
      return (await raceAbort(request(signal), signal, what)) as T;
    } catch (error) {
      throw toPlatformError(error, what);
    }
  }

  private async botId(): Promise<string> {
    const cached = this.client.user?.id;
    if (cached) return cached;
    this.botUser ??= this.call<APIUser>('read the bot user', () => this.client.rest.get(Routes.user('@me')));
    try {
      return (await this.botUser).id;
    } catch (error) {
      this.botUser = undefined;
      throw error;
    }
  }

  async sendPost(part: PostPart, doc: PostDocument, signal: AbortSignal): Promise<SentMessage> {
    const channelId = part.channel.id;
    let body;
    try {
      body = postMessageBody(doc, part.ledgerKey);
    } catch (error) {
      throw toPlatformError(error, `render ${part.ledgerKey}`);
    }
    const message = await this.call<APIMessage>(
      `post ${part.ledgerKey}`,
      (s) => this.client.rest.post(Routes.channelMessages(channelId), { body, ...(s ? { signal: s } : {}) }),
      signal,
    );
    try {
      await this.call(
        `add ${this.emoji} to ${part.ledgerKey}`,
        (s) => this.client.rest.put(this.ownReactionRoute(channelId, message.id), s ? { signal: s } : {}),
        signal,
      );
    } catch (error) {
      // The post exists: its id matters more than the bot's own 🙏, which people can add anyway.
      this.log.warn({ ledgerKey: part.ledgerKey, error: errorText(error) }, 'posted, but could not add the first reaction');
    }
    return { messageId: message.id };
  }

  async addOwnReaction(channelId: string, messageId: string): Promise<void> {
    await this.call(`add ${this.emoji} to ${messageId}`, (s) => this.client.rest.put(this.ownReactionRoute(channelId, messageId), s ? { signal: s } : {}));
  }

  private ownReactionRoute(channelId: string, messageId: string): `/${string}` {
    return Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(this.emoji));
  }

  async findPost(channelId: string, ledgerKey: string, since: Date): Promise<SentMessage | null> {
    const botId = await this.botId();
    const nonce = nonceOf(ledgerKey);
    let after = snowflakeAt(new Date(since.getTime() - FIND_SKEW_MS));
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ after, limit: '100' });
      const messages = await this.call<APIMessage[]>(`list messages of ${channelId}`, () =>
        this.client.rest.get(Routes.channelMessages(channelId), { query }),
      );
      for (const m of messages) {
        if (m.author.id !== botId) continue;
        if (m.nonce === nonce || m.embeds.some((e) => ledgerKeyOfMarker(e.url) === ledgerKey)) return { messageId: m.id };
      }
      if (messages.length < 100) return null;
      after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
    }
    throw new PlatformError('unavailable', `list messages of ${channelId}: more than ${MAX_PAGES * 100} messages since the claim`);
  }

  async editPost(channelId: string, messageId: string, doc: PostDocument): Promise<void> {
    const what = `edit message ${messageId} in ${channelId}`;
    // Keep the post's marker: read it from the message as it is.
    const current = await this.call<APIMessage>(what, () => this.client.rest.get(Routes.channelMessage(channelId, messageId)));
    const marker = current.embeds.map((e) => ledgerKeyOfMarker(e.url)).find((k) => k !== undefined);
    let body;
    try {
      body = postEditBody(doc, marker);
    } catch (error) {
      throw toPlatformError(error, what);
    }
    await this.call(what, () => this.client.rest.patch(Routes.channelMessage(channelId, messageId), { body }));
  }

  async retirePost(channelId: string, messageId: string, mode: 'delete' | 'edit', notice: string): Promise<void> {
    const what = `retire message ${messageId} in ${channelId}`;
    if (mode === 'delete') {
      await this.call(what, () => this.client.rest.delete(Routes.channelMessage(channelId, messageId)));
      return;
    }
    const body: RESTPatchAPIChannelMessageJSONBody = {
      content: notice.slice(0, DISCORD.content),
      embeds: [],
      allowed_mentions: { parse: [] },
    };
    await this.call(what, () => this.client.rest.patch(Routes.channelMessage(channelId, messageId), { body }));
    // Who reacted is part of what a retired post must stop showing (needs Manage Messages).
    await this.call(`${what}: clear its reactions (the text was replaced)`, () =>
      this.client.rest.delete(Routes.channelMessageAllReactions(channelId, messageId)),
    );
  }

  async readReactions(channelId: string, messageId: string): Promise<ReactionHolder[]> {
    const what = `read reactions of ${messageId} in ${channelId}`;
    const botId = await this.botId();
    const message = await this.call<APIMessage>(what, () => this.client.rest.get(Routes.channelMessage(channelId, messageId)));
    const holders: ReactionHolder[] = [];
    for (const reaction of message.reactions ?? []) {
      const name = reaction.emoji.name;
      if (reaction.emoji.id || !name || !isVariantOf(this.emoji, name)) continue;
      const details = reaction.count_details as { normal?: number; burst?: number } | undefined;
      for (const [type, burst] of [
        [0, false],
        [1, true],
      ] as const) {
        const count = burst ? details?.burst : details?.normal;
        if (count === 0) continue;
        const variant = variantName(name, burst);
        for (const userId of await this.reactionUsers(channelId, messageId, name, type, what)) {
          if (userId !== botId) holders.push({ userId, variant });
        }
      }
    }
    return holders;
  }

  private async reactionUsers(channelId: string, messageId: string, emoji: string, type: 0 | 1, what: string): Promise<string[]> {
    const users: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ type: String(type), limit: '100', ...(after ? { after } : {}) });
      const batch = await this.call<RESTGetAPIChannelMessageReactionUsersResult>(what, () =>
        this.client.rest.get(Routes.channelMessageReaction(channelId, messageId, encodeURIComponent(emoji)), { query }),
      );
      for (const u of batch) users.push(u.id);
      if (batch.length < 100) return users;
      after = batch.reduce((max, u) => (BigInt(u.id) > BigInt(max) ? u.id : max), batch[0]!.id);
    }
    throw new PlatformError('unavailable', `${what}: more than ${MAX_PAGES * 100} reactions`);
  }

  async sendStaffText(channelId: string, text: string): Promise<void> {
    for (const content of splitText(text, DISCORD.content)) {
      // A fresh nonce per message: the library's retry after a lost answer cannot double it.
      const body = { content, allowed_mentions: { parse: [] }, nonce: randomBytes(15).toString('base64url'), enforce_nonce: true };
      await this.call(`send staff text to ${channelId}`, () => this.client.rest.post(Routes.channelMessages(channelId), { body }));
    }
  }

  // ---- channels: facts for the privacy guard and doctor -----------------------------------

  async inspectChannel(channelId: string): Promise<ChannelInspection> {
    const facts = await this.channelFacts(channelId);
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

  private async access(facts: ChannelFacts): Promise<ChannelAccess> {
    const botId = await this.botId();
    const memberRoles = new Map<string, string[] | null>();
    // Member overwrites: always ask Discord (the member cache is not kept fresh without the
    // privileged GuildMembers intent, and a stale role list would hide an outsider).
    for (const o of facts.overwrites) {
      if (o.type !== 1 || o.id === botId) continue;
      memberRoles.set(o.id, await this.memberRoles(facts.guild.id, o.id));
    }
    return channelAccess({
      guild: facts.guild,
      overwrites: facts.overwrites,
      botId,
      botRoleIds: facts.botRoleIds,
      memberRoles,
      viewerRoleIds: this.options.viewerRoleIds(),
    });
  }

  private async memberRoles(guildId: string, userId: string): Promise<string[] | null> {
    try {
      const member = (await this.client.rest.get(Routes.guildMember(guildId, userId))) as APIGuildMember;
      return member.roles;
    } catch (error) {
      if (isDiscordCode(error, DiscordCode.UnknownMember) || isDiscordCode(error, DiscordCode.UnknownUser)) return null;
      throw toPlatformError(error, `read a member of ${guildId}`);
    }
  }

  /** Channel, guild and bot facts: from the gateway cache when it has them, else from REST. */
  private async channelFacts(channelId: string): Promise<Lookup> {
    return this.cachedFacts(channelId) ?? (await this.restFacts(channelId));
  }

  private cachedFacts(channelId: string): ChannelFacts | undefined {
    const channel = this.client.channels.cache.get(channelId);
    if (!channel || channel.isDMBased()) return undefined;
    const guild = channel.guild;
    const me = guild.members.me;
    if (!guild.available || !me) return undefined;
    const source = channel.isThread() ? channel.parent : channel;
    if (!source || !('permissionOverwrites' in source)) return undefined;
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
      channel = (await this.client.rest.get(Routes.channel(channelId))) as APIChannel;
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
    const guild = await this.call<APIGuild>(what, () => this.client.rest.get(Routes.guild(guildId)));
    const botId = await this.botId();
    const me = await this.call<APIGuildMember>(what, () => this.client.rest.get(Routes.guildMember(guildId, botId)));
    const isThread = 'thread_metadata' in channel && channel.thread_metadata !== undefined;
    let source: APIChannel = channel;
    if (isThread && 'parent_id' in channel && channel.parent_id) {
      const parentId = channel.parent_id;
      source = await this.call<APIChannel>(what, () => this.client.rest.get(Routes.channel(parentId)));
    }
    const overwrites = 'permission_overwrites' in source ? (source.permission_overwrites ?? []) : [];
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

  // ---- shards ----------------------------------------------------------------------------

  async recommendedShards(): Promise<number> {
    let info: RESTGetAPIGatewayBotResult;
    try {
      info = (await this.client.rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    } catch (error) {
      const e = toPlatformError(error, 'read the gateway (/gateway/bot)');
      if (e.code === 'forbidden') throw new PlatformError('forbidden', 'Discord refused DISCORD_TOKEN: reset it under Developer Portal → Bot');
      throw e;
    }
    return Number.isInteger(info.shards) && info.shards > 0 ? info.shards : 1;
  }

  // ---- commands and doctor ---------------------------------------------------------------

  private async applicationId(): Promise<string> {
    if (this.options.applicationId) return this.options.applicationId;
    const app = await this.call<{ id: string }>('read the application', () => this.client.rest.get(Routes.currentApplication()));
    return app.id;
  }

  async deployCommands(guildId?: string): Promise<void> {
    const appId = await this.applicationId();
    const registered = await this.call<Array<{ name: string }>>('register slash commands', () =>
      putCommands(this.client.rest, appId, guildId),
    );
    this.log.info({ guildId, commands: registered.map((c) => c.name) }, 'Discord slash commands registered');
  }

  async doctor(channels: ChannelConfig[], options: DoctorOptions = {}): Promise<DoctorLine[]> {
    return discordDoctor(
      {
        rest: this.client.rest,
        ...(this.options.applicationId ? { applicationId: this.options.applicationId } : {}),
        lookup: (id) => this.channelFacts(id),
        access: (facts) => this.access(facts),
        ownerName: (guild) => this.ownerName(guild),
        knowBot: (user) => {
          this.botUser ??= Promise.resolve(user);
        },
      },
      channels,
      options,
    );
  }

  private async ownerName(guild: GuildFacts): Promise<string> {
    const cached = this.client.users.cache.get(guild.ownerId);
    if (cached && !cached.partial) return `${cached.username} (${guild.ownerId})`;
    try {
      const member = (await this.client.rest.get(Routes.guildMember(guild.id, guild.ownerId))) as APIGuildMember;
      return member.user ? `${member.user.username} (${guild.ownerId})` : `user ${guild.ownerId}`;
    } catch {
      return `user ${guild.ownerId}`;
    }
  }
}

function closeReason(code: number): string {
  switch (code) {
    case 4004:
      return 'authentication failed: check DISCORD_TOKEN';
    case 4013:
    case 4014:
      return 'intents not allowed';
    case 4010:
    case 4011:
      return 'sharding';
    default:
      return 'see the Discord gateway close codes';
  }
}

/** What follows `/pray` in the core's words, or undefined for a command we do not know. */
function commandText(interaction: ChatInputCommandInteraction): string | undefined {
  if (interaction.commandName === PRAY_COMMAND) return interaction.options.getString('region')?.trim() ?? '';
  if (interaction.commandName !== STAFF_COMMAND) return undefined;
  const sub = interaction.options.getSubcommand(false);
  switch (sub) {
    case 'stats':
    case 'week':
    case 'help':
    case 'coordinator':
      return sub;
    case 'retract':
      return `retract ${interaction.options.getString('id', true).trim()}`;
    default:
      return undefined;
  }
}

function roleIdsOf(interaction: ChatInputCommandInteraction): string[] {
  const member = interaction.member;
  if (!member) return [];
  if (Array.isArray(member.roles)) return [...member.roles];
  if ('cache' in member.roles) return member.roles.cache.filter((r) => r.id !== interaction.guildId).map((r) => r.id);
  return [];
}

export function createDiscordPlatform(options: DiscordPlatformOptions): DiscordPlatform {
  return new DiscordAdapter(options);
}
