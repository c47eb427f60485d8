// 🙏 events into the tally: hashed under the week's key, newest event wins, group commit.
//
// A reactor is stored only as HMAC(week key, "platform:user"): a person counts once per post
// without anyone being able to say who prayed, and deleting the week key makes the hashes
// meaningless (they are deleted too).
import { errorLogFields } from './errors.js';
import { createHmac } from 'node:crypto';
import { micros, type CoreContext } from './context.js';
import type { ReactionEvent, ReactionsClearedEvent } from './ports.js';
import type { PlatformName } from './types.js';
import type { PostRecord, ReactionChange, Store } from './store.js';

export function personHash(weekKey: Buffer, platform: PlatformName, userId: string): string {
  return createHmac('sha256', weekKey).update(`${platform}:${userId}`).digest('base64url');
}

/** A batch of changes written in one transaction; every caller in it shares its promise. */
interface Batch {
  changes: ReactionChange[];
  durable: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const durable = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { changes: [], durable, resolve, reject };
}

/**
 * Group commit: changes queued while a transaction is being written go together into the
 * next one. Each caller's promise resolves only once its change is durable — one promise per
 * batch, shared by its callers, so the hot path allocates none per event.
 */
export class ReactionIngest {
  /** Batches not yet handed to the store, oldest first; only the last one still fills. */
  private pending: Batch[] = [];
  private flushing = false;
  private readonly flushSoon = (): void => void this.flush();

  constructor(
    private readonly store: Store,
    private readonly maxBatch = 256,
    /** Told how many changes each committed batch held (the `reactions` metric). */
    private readonly committed: (n: number) => void = () => undefined,
  ) {}

  add(change: ReactionChange): Promise<void> {
    let batch = this.pending[this.pending.length - 1];
    if (batch === undefined || batch.changes.length >= this.maxBatch) {
      batch = newBatch();
      this.pending.push(batch);
    }
    batch.changes.push(change);
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(this.flushSoon);
    }
    return batch.durable;
  }

  private async flush(): Promise<void> {
    let batch: Batch | undefined;
    // Taken off the queue before writing: whatever arrives meanwhile goes into the next batch.
    while ((batch = this.pending.shift()) !== undefined) {
      try {
        await this.store.applyReactions(batch.changes);
        this.committed(batch.changes.length);
        batch.resolve();
      } catch (error) {
        batch.reject(error);
      }
    }
    this.flushing = false;
  }

  /** Resolves when everything queued so far is written. */
  async drain(): Promise<void> {
    while (this.flushing || this.pending.length > 0) await new Promise((r) => setImmediate(r));
  }
}

/** What a cache lookup gives when the value has to be read from the store. */
const MISS: unique symbol = Symbol('not cached');
type Cached<T> = T | typeof MISS;

interface KeyEntry {
  at: number;
  key: Buffer | undefined;
  /**
   * "platform:user" → hash under this very key: the same people react to each day's post of a
   * week. Lives and dies with the entry, so a re-read or forgotten key never reuses a hash.
   */
  hashes: Map<string, string>;
}

/** Hashes kept per week key before the memo starts over (bounds memory). */
const HASH_MEMO_LIMIT = 10_000;

/** Lookups on the reaction hot path, cached briefly (retirement invalidates its post). */
export class ReactionLookups {
  private posts = new Map<string, { at: number; post: PostRecord | undefined }>();
  private keys = new Map<string, KeyEntry>();

  constructor(private readonly ttlMs = 10_000) {}

  /** The cached post at `now` (ms), without waiting; MISS when it has to be read. */
  cachedPost(platform: PlatformName, channelId: string, messageId: string, now: number): Cached<PostRecord | undefined> {
    const hit = this.posts.get(`${platform}:${channelId}:${messageId}`);
    return hit && now - hit.at < this.ttlMs ? hit.post : MISS;
  }

  async post(ctx: CoreContext, platform: PlatformName, channelId: string, messageId: string): Promise<PostRecord | undefined> {
    const id = `${platform}:${channelId}:${messageId}`;
    const now = ctx.clock.now().getTime();
    const hit = this.posts.get(id);
    if (hit && now - hit.at < this.ttlMs) return hit.post;
    const post = await ctx.store.findPostByMessage(platform, channelId, messageId);
    if (this.posts.size > 10_000) this.posts.clear();
    // A miss is cached for a second only: the ledger may record a fresh post any moment.
    this.posts.set(id, { at: post ? now : now - this.ttlMs + 1000, post });
    return post;
  }

  /** The cached key entry for a post sent at `sentAt`, at `now` (ms); MISS when it has to be read. */
  private cachedKey(week: string, sentAt: Date | null | undefined, now: number): Cached<KeyEntry> {
    const hit = this.keys.get(week);
    return hit && now - hit.at < this.ttlMs && (!sentAt || hit.at > sentAt.getTime()) ? hit : MISS;
  }

  /**
   * The week's key for a 🙏 on a post sent at `sentAt`. Another process may forget the week
   * (retention, a retraction) or re-open it under a new key (an undo) at any time, so a key is
   * kept only briefly, and never used for a post sent after it was read: an undo re-opens the
   * week before its posts are sent again, so such a post re-reads the key and gets the new one,
   * never the forgotten one.
   */
  async weekKey(ctx: CoreContext, week: string, sentAt?: Date | null): Promise<Buffer | undefined> {
    return (await this.keyEntry(ctx, week, sentAt)).key;
  }

  private async keyEntry(ctx: CoreContext, week: string, sentAt?: Date | null): Promise<KeyEntry> {
    const now = ctx.clock.now().getTime();
    const hit = this.cachedKey(week, sentAt, now);
    if (hit !== MISS) return hit;
    const key = await ctx.store.weekKey(week, ctx.clock.now());
    const entry: KeyEntry = { at: now, key, hashes: new Map() };
    this.keys.set(week, entry);
    return entry;
  }

  /**
   * The reactor's hash for a 🙏 on `post`, without waiting when the week's key is cached:
   * undefined when the week was forgotten, MISS when the key has to be read.
   */
  cachedHash(post: PostRecord, platform: PlatformName, userId: string, now: number): Cached<string | undefined> {
    const entry = this.cachedKey(post.week, post.sentAt, now);
    return entry === MISS ? MISS : hashUnder(entry, platform, userId);
  }

  /** As `cachedHash`, reading the week's key when needed. */
  async hash(ctx: CoreContext, post: PostRecord, platform: PlatformName, userId: string): Promise<string | undefined> {
    return hashUnder(await this.keyEntry(ctx, post.week, post.sentAt), platform, userId);
  }

  forget(post: PostRecord): void {
    if (post.messageId) this.posts.delete(`${post.platform}:${post.channelId}:${post.messageId}`);
  }

  forgetWeek(week: string): void {
    this.keys.delete(week);
  }
}

function hashUnder(entry: KeyEntry, platform: PlatformName, userId: string): string | undefined {
  if (!entry.key) return undefined; // the week was forgotten: only counts remain
  const person = `${platform}:${userId}`;
  let hash = entry.hashes.get(person);
  if (hash === undefined) {
    hash = createHmac('sha256', entry.key).update(person).digest('base64url');
    if (entry.hashes.size >= HASH_MEMO_LIMIT) entry.hashes.clear();
    entry.hashes.set(person, hash);
  }
  return hash;
}

/** A live post is one that was sent and not yet retired or retracted: its reaction window. */
function live(post: PostRecord | undefined): post is PostRecord {
  return post !== undefined && post.state === 'sent';
}

const IGNORED: Promise<void> = Promise.resolve();

function changeFor(post: PostRecord, personHash: string, event: ReactionEvent): ReactionChange {
  const change: ReactionChange = { postKey: post.key, personHash, variant: event.variant, present: event.present, orderMicros: event.orderMicros };
  if (event.eventId) change.eventId = event.eventId;
  return change;
}

/**
 * Resolves once the event is durable (or found to count for nothing). When the post and the
 * week's key are cached — nearly always — nothing is awaited before the change is queued.
 */
export function recordReaction(ctx: CoreContext, ingest: ReactionIngest, lookups: ReactionLookups, event: ReactionEvent): Promise<void> {
  try {
    const now = ctx.clock.now().getTime();
    const post = lookups.cachedPost(event.platform, event.channelId, event.messageId, now);
    if (post !== MISS) {
      if (!live(post)) return IGNORED;
      const hash = lookups.cachedHash(post, event.platform, event.userId, now);
      if (hash !== MISS) return hash === undefined ? IGNORED : ingest.add(changeFor(post, hash, event));
    }
  } catch (error) {
    return Promise.reject(error);
  }
  return recordAfterLookups(ctx, ingest, lookups, event);
}

async function recordAfterLookups(ctx: CoreContext, ingest: ReactionIngest, lookups: ReactionLookups, event: ReactionEvent): Promise<void> {
  const post = await lookups.post(ctx, event.platform, event.channelId, event.messageId);
  if (!live(post)) return;
  const hash = await lookups.hash(ctx, post, event.platform, event.userId);
  if (hash === undefined) return; // the week was forgotten: only counts remain
  await ingest.add(changeFor(post, hash, event));
}

/** Replaces a post's set with what the platform shows now, as an event at the snapshot time. */
export async function reconcilePost(ctx: CoreContext, lookups: ReactionLookups, post: PostRecord): Promise<void> {
  const platform = ctx.platforms.get(post.platform);
  if (!platform || !post.messageId || !live(post)) return;
  const key = await lookups.weekKey(ctx, post.week, post.sentAt);
  if (!key) return;
  const at = micros(ctx.clock.now());
  const holders = await platform.readReactions(post.channelId, post.messageId);
  await ctx.store.replaceReactions(
    post.key,
    holders.map((h) => ({ personHash: personHash(key, post.platform, h.userId), variant: h.variant })),
    at,
  );
}

export async function reactionsCleared(ctx: CoreContext, lookups: ReactionLookups, event: ReactionsClearedEvent): Promise<void> {
  const post = await lookups.post(ctx, event.platform, event.channelId, event.messageId);
  if (!live(post)) return;
  if (event.variant === undefined) {
    await ctx.store.replaceReactions(post.key, [], event.orderMicros);
    return;
  }
  // One variant cleared: the simplest exact answer is a fresh snapshot of the others.
  await reconcilePost(ctx, lookups, post);
}

/** Re-reads every live post of a platform (at start, after a gateway gap). */
export async function resync(ctx: CoreContext, lookups: ReactionLookups, platform: PlatformName): Promise<number> {
  const posts = await ctx.store.listPosts({ states: ['sent'], platform });
  let done = 0;
  for (const post of posts) {
    try {
      await reconcilePost(ctx, lookups, post);
      done += 1;
    } catch (error) {
      ctx.log.warn({ post: post.key, ...errorLogFields(error) }, 'could not reconcile reactions');
    }
  }
  return done;
}
