// The ports the core talks through. Adapters (Slack, Discord, console) implement
// `ChatPlatform` and call `Inbound`; src/store/ implements `Store` (store.ts beside this file).
import { CodedError } from './errors.js';
import type { PlatformName, PostPart, Verse } from './types.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A platform-neutral message. Adapters render it (Block Kit, embeds, terminal text). */
export interface PostDocument {
  /** Names the date so every message can be recognised as that day's post. */
  title: string;
  /** Generic notification/fallback text: never a request's content (lock screens show it). */
  fallback: string;
  sections: Array<{
    /** The region's display name. */
    heading: string;
    items: Array<{ title?: string; text: string }>;
  }>;
  verse: Verse;
  /** e.g. "React 🙏 when you have prayed." and "Part 2 of 3". */
  footer?: string;
  /**
   * The private "I prayed" button (channels with `prayed_button: true`). `postKey` is the
   * post's ledger key, which adapters may put in the button's value: it names the post,
   * never a person. Adapters render it on the post itself (send and edit), never on a
   * `/pray` answer (a copy shown to one person) nor on a retirement notice.
   */
  prayedButton?: { label: string; postKey: string };
}

/** Size limits of one message, used to split a long post between requests. */
export interface MessageLimits {
  /** Requests one message can hold. */
  maxRequests: number;
  /** Characters of request text + titles + headings one message can hold. */
  maxChars: number;
}

/** What the platform says about a channel; the privacy policy itself lives in the core. */
export interface ChannelInspection {
  /** `missing`/`archived` disable the channel (one alert); `no-access` is retried later. */
  state: 'ok' | 'missing' | 'archived' | 'no-access';
  /** Slack: not private. Discord: the server is DISCOVERABLE. */
  isPublic: boolean;
  /** Slack Connect: is_ext_shared or is_pending_ext_shared. Always false on Discord. */
  externallyShared: boolean;
  /**
   * Discord: roles/members with effective VIEW_CHANNEL that are neither in
   * staff.discord_viewer_roles nor the bot, described for humans ("role @everyone").
   * Empty elsewhere.
   */
  outsiderViewers: string[];
  /** Free text for logs and doctor (no secrets). */
  detail?: string;
}

export interface SentMessage {
  /** Platform-native id: Slack message ts, Discord message snowflake. */
  messageId: string;
}

/** A person holding a 🙏 variant on a message, as read from the platform. */
export interface ReactionHolder {
  userId: string;
  /** Platform-specific variant name, e.g. `pray::skin-tone-3`, `🙏🏽`, `burst:🙏`. */
  variant: string;
}

/** Errors platforms throw carry a code the core acts on. */
export type PlatformErrorCode =
  | 'channel_gone' // deleted/archived/not found: disable the channel
  | 'rate_limited' // gave up after honouring Retry-After within the lease
  | 'timeout'
  | 'unavailable' // 5xx / network: retryable
  | 'forbidden' // missing permission/scope
  | 'message_gone' // the message no longer exists (retire/edit of a deleted message)
  | 'bad_request';

export class PlatformError extends CodedError<PlatformErrorCode> {
  constructor(
    code: PlatformErrorCode,
    message: string,
    readonly retryable: boolean = code === 'rate_limited' || code === 'timeout' || code === 'unavailable',
  ) {
    super(code, message);
  }
}

/** What the core asks of a chat platform. Implementations only translate. */
export interface ChatPlatform {
  readonly name: PlatformName;
  readonly limits: MessageLimits;
  /** Connects and starts delivering inbound events to `inbound`. */
  start(inbound: Inbound): Promise<void>;
  stop(): Promise<void>;
  /** True once connected and able to post. */
  ready(): boolean;
  inspectChannel(channelId: string): Promise<ChannelInspection>;
  /**
   * Sends one part of a day's post and adds the bot's own 🙏. Idempotent where the platform
   * allows (Discord nonce from the ledger key; Slack metadata carries the ledger key).
   * Must give up (throw) before `signal` aborts.
   */
  sendPost(part: PostPart, doc: PostDocument, signal: AbortSignal): Promise<SentMessage>;
  /**
   * Looks for a message of this ledger key sent by the bot since `since` (a claim whose
   * answer was lost). Returns null when surely absent; throws when the platform cannot say.
   */
  findPost(channelId: string, ledgerKey: string, since: Date): Promise<SentMessage | null>;
  /**
   * Adds the bot's own 🙏 to a post; already there is fine. Used for a post recovered after a
   * crash, whose sender may have died before adding it (sendPost adds it otherwise).
   */
  addOwnReaction(channelId: string, messageId: string): Promise<void>;
  /**
   * Replaces a post's content (partial expiry). A post that is gone (deleted by someone else,
   * or already retired by delete) rejects with `message_gone`: there is nothing left to edit,
   * and the core ends the post as it would a retired one.
   */
  editPost(channelId: string, messageId: string, doc: PostDocument): Promise<void>;
  /**
   * Takes a post down: delete it, or edit it to `notice` (clearing reactions where possible).
   * A post already gone — deleted by someone else, or by an earlier retirement whose answer
   * was lost — counts as retired: resolve, do not throw, and show nothing new in its place.
   * A channel that is gone still rejects (`channel_gone`): that is the channel's problem.
   */
  retirePost(channelId: string, messageId: string, mode: 'delete' | 'edit', notice: string): Promise<void>;
  /** Everyone (but the bot) holding any 🙏 variant on the message, all pages. */
  readReactions(channelId: string, messageId: string): Promise<ReactionHolder[]>;
  /** Plain text to a staff channel (tallies, alerts). */
  sendStaffText(channelId: string, text: string): Promise<void>;
  /**
   * Where staff is a role (Discord): the roles `userId` holds now in the servers of these
   * channels (each server asked once, never from a cache: roles change), or undefined when
   * they are a member of none of them. A channel whose server cannot be found is left out;
   * throws (PlatformError) when the platform cannot say. Absent where staff is listed in the
   * config (Slack) and on the console.
   */
  memberRoles?(userId: string, channelIds: string[]): Promise<string[] | undefined>;
}

/** A 🙏 added or removed. Adapters drop other emoji and the bot's own reactions. */
export interface ReactionEvent {
  platform: PlatformName;
  channelId: string;
  messageId: string;
  userId: string;
  variant: string;
  present: boolean;
  /**
   * Ordering: newest wins per (post, person, variant). Slack: event_ts in microseconds;
   * Discord: arrival time in microseconds (strictly increasing per process).
   */
  orderMicros: number;
  /** Slack event_id for de-duplication of retries. */
  eventId?: string;
}

/** All reactions (or all of one variant) removed from a message at once (Discord). */
export interface ReactionsClearedEvent {
  platform: PlatformName;
  channelId: string;
  messageId: string;
  /** Only this variant; undefined clears every variant. */
  variant?: string;
  orderMicros: number;
}

export interface PrayCaller {
  platform: PlatformName;
  channelId: string;
  userId: string;
  /** Discord role ids of the caller; empty on Slack. */
  roleIds: string[];
}

export interface PrayCommand extends PrayCaller {
  /** What follows `/pray`: a region, `help`, `week`, `stats`, `retract ID`, or empty. */
  text: string;
}

export type PrayAnswer =
  /** `noPreview`: the text holds a link that must not be previewed (a sign-in link). */
  | { kind: 'text'; text: string; monospace?: boolean; noPreview?: boolean }
  | { kind: 'post'; doc: PostDocument };

/** Someone pressed a post's "I prayed" button. Only they see the answer. */
export interface PrayedButtonPress {
  platform: PlatformName;
  channelId: string;
  /** The message the button is on. */
  messageId: string;
  userId: string;
  /** When it was pressed, in microseconds (Slack action_ts; Discord arrival time, as for reactions). */
  orderMicros: number;
}

/**
 * What a press did, with the words for the presser (adapters show `text` only to them).
 * `counted`: the press now counts them; false: this press took theirs back, and
 * `stillCountedByReaction` says a 🙏 of theirs on the post still counts. A press on a post
 * that is retired or retracted, or on anything that is not a post, counts nothing.
 */
export type PrayedButtonAnswer =
  | { counted: boolean; stillCountedByReaction: boolean; text: string }
  | { refused: 'retired' | 'not_a_post'; text: string };

/** What adapters call into the core. */
export interface Inbound {
  reaction(event: ReactionEvent): Promise<void>;
  reactionsCleared(event: ReactionsClearedEvent): Promise<void>;
  /** The platform lost events (gateway gap, restart): re-read every live post of it. */
  resync(platform: PlatformName): Promise<void>;
  pray(command: PrayCommand): Promise<PrayAnswer>;
  /** A press of the "I prayed" button: counted like a 🙏, or taken back by the next press. */
  prayedButton(press: PrayedButtonPress): Promise<PrayedButtonAnswer>;
  /** Autocomplete: regions matching what was typed so far. */
  regionChoices(typed: string): Array<{ name: string; value: string }>;
}

/** The logging the core needs; pino's Logger satisfies it. Never pass user ids or secrets. */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
