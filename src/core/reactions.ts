// 🙏 events into the tally: hashed under the week's key, newest event wins, group commit.
//
// A reactor is stored only as HMAC(week key, "platform:user"): a person counts once per post
// without anyone being able to say who prayed, and deleting the week key makes the hashes
// meaningless (they are deleted too).
import { createHmac } from 'node:crypto';
import { describe } from './alerts.js';
import { micros, type CoreContext } from './context.js';
import type { ReactionEvent, ReactionsClearedEvent } from './ports.js';
import type { PlatformName } from './types.js';
import type { PostRecord, ReactionChange, Store } from './store.js';

export function personHash(weekKey: Buffer, platform: PlatformName, userId: string): string {
  return createHmac('sha256', weekKey).update(`${platform}:${userId}`).digest('base64url');
}

/**
 * Group commit: changes queued while a transaction is being written go together into the
 * next one. Each caller's promise resolves only once its change is durable.
 */
export class ReactionIngest {
  private queue: Array<{ change: ReactionChange; done: () => void; fail: (e: unknown) => void }> = [];
  private flushing = false;

  constructor(
    private readonly store: Store,
    private readonly maxBatch = 256,
  ) {}

  add(change: ReactionChange): Promise<void> {
    return new Promise((done, fail) => {
      this.queue.push({ change, done, fail });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.store.applyReactions(batch.map((b) => b.change));
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.fail(error);
      }
    }
    this.flushing = false;
  }

  /** Resolves when everything queued so far is written. */
  async drain(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
  }
}

/** Lookups on the reaction hot path, cached briefly (retirement invalidates its post). */
export class ReactionLookups {
  private posts = new Map<string, { at: number; post: PostRecord | undefined }>();
  private keys = new Map<string, { at: number; key: Buffer | undefined }>();

  constructor(private readonly ttlMs = 10_000) {}

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

  /**
   * The week's key for a 🙏 on a post sent at `sentAt`. Another process may forget the week
   * (retention, a retraction) or re-open it under a new key (an undo) at any time, so a key is
   * kept only briefly, and never used for a post sent after it was read: an undo re-opens the
   * week before its posts are sent again, so such a post re-reads the key and gets the new one,
   * never the forgotten one.
   */
  async weekKey(ctx: CoreContext, week: string, sentAt?: Date | null): Promise<Buffer | undefined> {
    const now = ctx.clock.now().getTime();
    const hit = this.keys.get(week);
    if (hit && now - hit.at < this.ttlMs && (!sentAt || hit.at > sentAt.getTime())) return hit.key;
    const key = await ctx.store.weekKey(week, ctx.clock.now());
    this.keys.set(week, { at: now, key });
    return key;
  }

  forget(post: PostRecord): void {
    if (post.messageId) this.posts.delete(`${post.platform}:${post.channelId}:${post.messageId}`);
  }

  forgetWeek(week: string): void {
    this.keys.delete(week);
  }
}

/** A live post is one that was sent and not yet retired or retracted: its reaction window. */
function live(post: PostRecord | undefined): post is PostRecord {
  return post !== undefined && post.state === 'sent';
}

export async function recordReaction(ctx: CoreContext, ingest: ReactionIngest, lookups: ReactionLookups, event: ReactionEvent): Promise<void> {
  const post = await lookups.post(ctx, event.platform, event.channelId, event.messageId);
  if (!live(post)) return;
  const key = await lookups.weekKey(ctx, post.week, post.sentAt);
  if (!key) return; // the week was forgotten: only counts remain
  const change: ReactionChange = {
    postKey: post.key,
    personHash: personHash(key, event.platform, event.userId),
    variant: event.variant,
    present: event.present,
    orderMicros: event.orderMicros,
  };
  if (event.eventId) change.eventId = event.eventId;
  await ingest.add(change);
  ctx.metrics.count('reactions');
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
      ctx.log.warn({ post: post.key, err: describe(error) }, 'could not reconcile reactions');
    }
  }
  return done;
}
