// The Discord adapter: discord.js 14 behind the core's ChatPlatform port. It translates and
// reports facts; the core decides (privacy policy, staff checks, tally maths).
//
// This class only puts the parts together; each part has one job:
//   gateway.ts         the discord.js client, login, the recommended shard count
//   inbound-events.ts  reactions, reaction clears, gateway gaps (→ resync) into the core
//   interactions.ts    /pray and /pray-staff (with autocomplete) into the core and back;
//                      prayed-button.ts: presses of the private "I prayed" button
//   messages.ts        posts, the bot's own 🙏, reading reactions, staff text (REST)
//   channels.ts        channel facts for the privacy guard and doctor (permissions.ts: the maths)
//   members.ts         a member's roles, for the core's staff re-check of page sessions
//   calls.ts           one way to call REST; errors.ts turns failures into PlatformError
//   commands.ts, doctor.ts, render.ts, reactions.ts: definitions, checks, formatting, emoji
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import { CodedError } from '../../core/errors.js';
import type {
  ChannelInspection,
  ChatPlatform,
  Clock,
  Inbound,
  MessageLimits,
  ReactionHolder,
} from '../../core/ports.js';
import type { ChannelConfig } from '../../core/types.js';
import { DelegatesPosts } from '../post-delegation.js';
import { DiscordCalls } from './calls.js';
import { DiscordChannels } from './channels.js';
import { putCommands } from './commands.js';
import { discordDoctor, type DoctorLine, type DoctorOptions } from './doctor.js';
import { createClient, login, recommendedShards } from './gateway.js';
import { listenToEvents } from './inbound-events.js';
import { listenToCommands } from './interactions.js';
import { DiscordMembers } from './members.js';
import { DiscordMessages } from './messages.js';
import { discordEmojiOf } from './reactions.js';
import { POST_LIMITS } from './render.js';

export { DISCORD_INTENTS } from './gateway.js';

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

export class DiscordPlatform extends DelegatesPosts implements ChatPlatform {
  readonly name = 'discord' as const;
  readonly limits: MessageLimits = POST_LIMITS;

  private readonly client: Client;
  private readonly emoji: string;
  private readonly calls: DiscordCalls;
  protected readonly messages: DiscordMessages;
  private readonly channels: DiscordChannels;
  private readonly members: DiscordMembers;
  private started = false;

  constructor(private readonly options: DiscordPlatformOptions) {
    super();
    this.emoji = discordEmojiOf(options.reaction);
    this.client = createClient(options);
    this.calls = new DiscordCalls(this.client.rest, () => this.client.user?.id, options.applicationId);
    this.messages = new DiscordMessages(this.calls, this.emoji, options.logger);
    this.channels = new DiscordChannels(this.client, this.calls, options.viewerRoleIds);
    this.members = new DiscordMembers(this.client, this.calls);
  }

  // ---- lifecycle ------------------------------------------------------------------------

  /** Listens for reactions and commands, then logs in to the gateway. */
  async start(inbound: Inbound): Promise<void> {
    if (this.started) throw new CodedError('already_started', 'the Discord platform was already started');
    this.started = true;
    const { client, options } = this;
    const log = options.logger;
    listenToEvents({ client, inbound, emoji: this.emoji, clock: options.clock, log });
    listenToCommands({ client, inbound, log, clock: options.clock, deferAfterMs: options.deferAfterMs ?? 2_000 });
    await login(client, options.token, options.startTimeoutMs ?? 60_000);
    log.info({ shards: [...client.ws.shards.keys()], guilds: client.guilds.cache.size }, 'Discord gateway ready');
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  ready(): boolean {
    return this.client.isReady();
  }

  // ---- outbound: the posting half is DelegatesPosts (messages.ts) --------------------------

  readReactions(channelId: string, messageId: string): Promise<ReactionHolder[]> {
    return this.messages.readReactions(channelId, messageId);
  }

  // ---- channels (channels.ts) ------------------------------------------------------------

  inspectChannel(channelId: string): Promise<ChannelInspection> {
    return this.channels.inspectChannel(channelId);
  }

  // ---- members (members.ts) --------------------------------------------------------------

  memberRoles(userId: string, channelIds: string[]): Promise<string[] | undefined> {
    return this.members.memberRoles(userId, channelIds);
  }

  // ---- beyond the port: shards, commands, doctor (REST alone, no login needed) -----------

  /** The shard count Discord recommends for this bot (`GET /gateway/bot`). */
  recommendedShards(): Promise<number> {
    return recommendedShards(this.calls);
  }

  /** Registers /pray and /pray-staff globally, or in one server. */
  async deployCommands(guildId?: string): Promise<void> {
    const appId = await this.calls.applicationId();
    const registered = await this.calls.call<Array<{ name: string }>>('register slash commands', () =>
      putCommands(this.calls.rest, appId, guildId),
    );
    this.options.logger.info({ guildId, commands: registered.map((c) => c.name) }, 'Discord slash commands registered');
  }

  /** Token, application, gateway, slash commands, and each Discord channel's access and privacy. */
  doctor(channels: ChannelConfig[], options: DoctorOptions = {}): Promise<DoctorLine[]> {
    return discordDoctor(
      {
        rest: this.calls.rest,
        ...(this.options.applicationId ? { applicationId: this.options.applicationId } : {}),
        lookup: (id) => this.channels.lookup(id),
        access: (facts) => this.channels.access(facts),
        ownerName: (guild) => this.channels.ownerName(guild),
        knowBot: (user) => this.calls.knowBot(user),
      },
      channels,
      options,
    );
  }
}

export function createDiscordPlatform(options: DiscordPlatformOptions): DiscordPlatform {
  return new DiscordPlatform(options);
}
