// The storage port. SQLite (default) and PostgreSQL (replicas) implement it with one
// migration history; one contract suite (test/store/contract.ts) runs against both.
// Every method is async so PostgreSQL fits without changing the core.
import type { LocalDate, PlatformName } from './types.js';

export type PostState =
  | 'claimed' // a sender holds a lease on it and is sending
  | 'sent'
  | 'failed' // gave up; `retryable` says whether the sweep may try again
  | 'skipped' // later than catch_up_hours: staff told, sent only by hand
  | 'retired' // expired and taken down
  | 'retracted'; // taken down by a retraction

export interface PostRecord {
  /** `platform:channel:date:part`. */
  key: string;
  platform: PlatformName;
  channelId: string;
  date: LocalDate;
  part: number;
  week: LocalDate;
  state: PostState;
  /** Region ids in the post (a reactor counts for each). */
  regions: string[];
  /** Request keys (`week/id`) currently in the post. */
  requestKeys: string[];
  /** Lease holder while `claimed`. */
  owner: string | null;
  leaseUntil: Date | null;
  claimedAt: Date | null;
  messageId: string | null;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  retryable: boolean;
  /** When it was retired or retracted. */
  endedAt: Date | null;
  /** Reactor count frozen when the week's hashes were deleted; null while they exist. */
  frozenCount: number | null;
}

/** What a sender claims a post with: the record's identity and content, before any state. */
export type PostClaim = Pick<PostRecord, 'key' | 'platform' | 'channelId' | 'date' | 'part' | 'week' | 'regions' | 'requestKeys'>;

export type ClaimOutcome =
  /** This caller now holds the lease. `previous` is set when it took over an expired claim or a retryable failure. */
  | { won: true; previous?: PostRecord }
  | { won: false; record: PostRecord };

/** One 🙏 change, already hashed. Newest `orderMicros` wins per (post, person, variant). */
export interface ReactionChange {
  postKey: string;
  personHash: string;
  variant: string;
  present: boolean;
  orderMicros: number;
  /**
   * De-duplication id (Slack event_id): a redelivered change is ignored. An event id names one
   * change to one (post, person, variant); stores may remember it per event (PostgreSQL) or as
   * the last event applied to that row (SQLite) — with newest-wins the results are the same.
   */
  eventId?: string;
}

/**
 * The variant a press of the private "I prayed" button is kept as, next to the 🙏 variants of
 * the same person. The platforms cannot list who pressed, so a platform snapshot
 * (`replaceReactions`) never touches it.
 */
export const PRESS_VARIANT = 'button';

/** What a press of the "I prayed" button did. */
export interface PressOutcome {
  /** The person's press now holds (counted); false: this press took it back. */
  pressed: boolean;
  /** The person holds some other variant (a 🙏) on the post, so they count whatever the press. */
  holdsReaction: boolean;
}

export interface PostTally {
  post: PostRecord;
  /** Distinct people holding any variant now (or the frozen count). */
  count: number;
  /**
   * Set on the count of an earlier copy of a post: one taken down by a retraction that was
   * later undone (`keepRetractedCount`). `post` is its ledger entry as it was then (state
   * `retracted`, the ledger key it had, no message id); the day's current entry, if the day was
   * sent again, is another row with the same key.
   */
  earlierCopy?: true;
}

export interface AuditEntry {
  at: Date;
  action: string; // 'retire' | 'retract' | 'retract-undo' | 'edit' | 'forget-week' | …
  subject: string; // ledger key, request key, week
  detail: string;
  /** Who did it: `slack:U123`, `discord:123`, `cli`, `console`; absent for the bot's own actions. */
  actor?: string;
}

// --- coordinator page records -----------------------------------------------------------
/** One saved version of a week's YAML text (the week file format). */
export interface SavedWeek {
  week: LocalDate;
  /** 1 for the first save of the week, then +1 per save. */
  version: number;
  yaml: string;
  actor: string;
  savedAt: Date;
}
/** A sign-in link, stored only as the SHA-256 (hex) of its random token. */
export interface SignInToken {
  tokenHash: string;
  actor: string;
  createdAt: Date;
  expiresAt: Date;
}
/** A coordinator page session, stored only as the SHA-256 (hex) of its random id. */
export interface CoordinatorSession {
  sessionHash: string;
  actor: string;
  createdAt: Date;
  expiresAt: Date;
  /** When the actor's staff status was last confirmed. */
  staffCheckedAt: Date;
}
export type SignInTokenState = 'valid' | 'used' | 'expired' | 'unknown';

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;

  // --- post ledger -------------------------------------------------------------------
  /**
   * Claims a post for sending. Wins when the key is absent, when its claim's lease has
   * expired (`previous` then holds the old record: ask the platform before sending), or
   * when it failed retryably. Never wins a `sent`, `skipped`, `retired` or `retracted` post.
   * Only one caller wins, across processes.
   */
  claimPost(claim: PostClaim, owner: string, now: Date, leaseMs: number): Promise<ClaimOutcome>;
  /**
   * Extends the lease; false when `owner` no longer holds it (the sender must abort). The
   * owner holds it until another claim takes it over: a lease that ran out but was not taken
   * over can still be renewed (nobody else is sending).
   */
  renewLease(key: string, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Records the sent message; false (and no change) when `owner` lost the lease (see renewLease). */
  markSent(key: string, owner: string, messageId: string, now: Date): Promise<boolean>;
  markFailed(key: string, owner: string, error: string, retryable: boolean, now: Date): Promise<void>;
  /** Records a post as skipped (too late), unless it already exists. */
  markSkipped(claim: PostClaim, reason: string, now: Date): Promise<void>;
  getPost(key: string): Promise<PostRecord | undefined>;
  findPostByMessage(platform: PlatformName, channelId: string, messageId: string): Promise<PostRecord | undefined>;
  listPosts(filter: { states?: PostState[]; week?: LocalDate; date?: LocalDate; platform?: PlatformName }): Promise<PostRecord[]>;
  /** After a partial expiry edit. */
  updatePostContent(key: string, requestKeys: string[], regions: string[]): Promise<void>;
  /** Retired or retracted: the message is down. */
  endPost(key: string, state: 'retired' | 'retracted', now: Date): Promise<void>;
  /** Forgets a ledger entry (with its reactions) so the post can be sent again (a skipped day sent by hand). */
  deletePost(key: string): Promise<void>;
  /**
   * Undo of a retraction, for one `retracted` entry, in one transaction: its count (the frozen
   * count, else its distinct holders now) is kept as an earlier copy that `tally` keeps
   * reporting, its hashes are deleted, and the ledger entry is removed so the day can be sent
   * again. False, changing nothing, when `key` is not a retracted entry.
   */
  keepRetractedCount(key: string, now: Date): Promise<boolean>;

  // --- reactions (only HMACs; never a user id) ----------------------------------------
  /** The week's random HMAC key, created on first use. Undefined once forgotten. */
  weekKey(week: LocalDate, now: Date): Promise<Buffer | undefined>;
  /**
   * Applies changes in one transaction (group commit); durable when it resolves. Changes on a
   * post the ledger does not know, or whose week was forgotten, are dropped. An event id is
   * remembered as seen at its change's `orderMicros` (what `pruneEvents` compares with).
   */
  applyReactions(changes: ReactionChange[]): Promise<void>;
  /**
   * A platform snapshot: the post's reaction variants become exactly `holders`, as an event at
   * `orderMicros`. Presses (`PRESS_VARIANT`) are not reactions: they are kept as they are, and
   * a holder carrying that variant is ignored.
   */
  replaceReactions(postKey: string, holders: Array<{ personHash: string; variant: string }>, orderMicros: number): Promise<void>;
  /**
   * A press of the "I prayed" button: flips the person's `PRESS_VARIANT` on the post (absent →
   * present → absent) in one transaction, so concurrent presses each flip once. Stored at
   * `orderMicros`, or just after the press before it when that is newer. Undefined, and
   * nothing stored, unless the post is `sent` and its week not forgotten.
   */
  togglePress(postKey: string, personHash: string, orderMicros: number): Promise<PressOutcome | undefined>;
  /**
   * Distinct people per post, for posts matching the filter (any state), and the kept counts
   * of earlier copies (`earlierCopy`); ordered by date, platform, channel, part, with a day's
   * earlier copies (oldest first) before its current entry.
   */
  tally(filter: { week?: LocalDate; from?: LocalDate; to?: LocalDate }): Promise<PostTally[]>;
  /**
   * Freezes each of the week's post counts, then deletes its key and every hash, and wipes them
   * from the database's files as far as the store reaches. Rejects with code `wipe_incomplete`
   * when old copies may remain (the week is forgotten all the same): tell staff.
   */
  forgetWeek(week: LocalDate, now: Date): Promise<void>;
  /**
   * Undo of a whole-week retraction: a forgotten week gets a new random key, so reactions on
   * its re-sent posts count again. The forgotten key is gone and never comes back; hashes
   * under the new key cannot be matched with the old ones (nor could anyone: they are
   * deleted). True when the week was forgotten and is open again; false, changing nothing,
   * when it has a key or never had one (it gets one on first use).
   */
  reopenWeek(week: LocalDate, now: Date): Promise<boolean>;
  /** Weeks whose key still exists. */
  weeksWithKeys(): Promise<LocalDate[]>;

  // --- housekeeping --------------------------------------------------------------------
  /** Drops processed event ids older than `before` (kept ≥ 10 minutes by the caller). */
  pruneEvents(before: Date): Promise<void>;
  /** True the first time `key` is raised: alerts are de-duplicated across processes. */
  alertOnce(key: string, now: Date): Promise<boolean>;
  audit(entry: AuditEntry): Promise<void>;
  /** The newest `limit` entries, newest first. */
  listAudit(limit: number): Promise<AuditEntry[]>;

  // --- retractions -------------------------------------------------------------------
  /** `subject` is a week (`2026-10-12`) or a request key (`2026-10-12/eu-day`). */
  addRetraction(subject: string, now: Date): Promise<void>;
  removeRetraction(subject: string): Promise<boolean>;
  retractions(): Promise<string[]>;

  // --- coordination between replicas -----------------------------------------------------
  /** A named lease (Discord shard, digest slot). True when `owner` holds it after the call. */
  acquireLease(name: string, owner: string, now: Date, ms: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;
  /** Each replica records the hash of the plan it loaded. */
  recordPlanHash(owner: string, hash: string, now: Date): Promise<void>;
  /** The hash most recently recorded by any replica. */
  newestPlanHash(): Promise<string | undefined>;

  // --- coordinator page ------------------------------------------------------------------
  /** Also forgets tokens that expired more than a day before this one was created. */
  addSignInToken(token: SignInToken): Promise<void>;
  /** What a token is at `now`, changing nothing (the GET of the link). */
  signInTokenState(tokenHash: string, now: Date): Promise<SignInTokenState>;
  /** Atomically marks a valid token used and returns its actor; undefined when not valid. One caller wins across replicas. */
  redeemSignInToken(tokenHash: string, now: Date): Promise<string | undefined>;
  /** Links issued to `actor` since `since` (rate limit per staff member). */
  countSignInTokens(actor: string, since: Date): Promise<number>;
  /** Also forgets sessions that expired before this one was created. */
  addSession(session: CoordinatorSession): Promise<void>;
  /** The session if it exists and expiresAt > now. */
  getSession(sessionHash: string, now: Date): Promise<CoordinatorSession | undefined>;
  markSessionStaffChecked(sessionHash: string, at: Date): Promise<void>;
  endSession(sessionHash: string): Promise<void>;
  /** Ends every session of an actor (no longer staff). */
  endSessionsOf(actor: string): Promise<void>;
  /** Saves a new version of a week's YAML text (version = previous + 1, from 1). */
  saveWeek(week: LocalDate, yaml: string, actor: string, now: Date): Promise<SavedWeek>;
  /** The newest version of every saved week, ordered by week. */
  savedWeeks(): Promise<SavedWeek[]>;
  /** Every version of one week, newest first. */
  weekVersions(week: LocalDate): Promise<SavedWeek[]>;
  /**
   * Changes whenever any week is saved, and is cheap to read: replicas compare it on every
   * sweep and re-read savedWeeks() only when it moved. Empty when nothing was ever saved.
   */
  savedWeeksStamp(): Promise<string>;
}
