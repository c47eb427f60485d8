// Discord gateway shards across replicas. Several sessions on one shard all receive every
// event and interaction (the second answer to a /pray fails with 40060, and each 🙏 would be
// counted by every session), so each shard is held by exactly one replica at a time through a
// named lease in the store:
//
//   discord-shards            owner `count=<n>`: the shard count every live replica agrees on
//   discord-shard:<id>/<n>    owner: the replica (host:pid:random) logged in to that shard
//
// `ShardLeases` is the platform-neutral part: it renews what it holds every third of the
// lease, takes free shards, and reports losses, which must stop listening at once: a shard
// whose renewal failed is dropped while its lease still has `safety` left, so it is never
// held by two replicas. `ShardedDiscord` is the ChatPlatform `prayerbot run` uses: a REST-only
// adapter for everything outbound (it never needs a gateway session, so a replica holding no
// shard still posts, edits, retires and reads reactions), and one gateway client logged in to
// exactly the shards held (`shards: [ids], shardCount`). When the held set changes, that
// client is replaced by one for the new set and the core re-reads reactions (`resync`), since
// events in the gap were lost. Replacing one client is simpler than one client per shard and
// costs a re-identify of the other held shards, which happens only when a replica starts,
// stops or dies.
import type { Logger } from 'pino';
import type { ChannelInspection, ChatPlatform, Clock, Inbound, MessageLimits, PostDocument, ReactionHolder, SentMessage } from './core/ports.js';
import type { PostPart } from './core/types.js';
import type { DiscordPlatform } from './platforms/discord/discord-platform.js';
import type { Store } from './core/store.js';
import { untilAborted } from './core/abortable.js';

/** Default shard lease: a dead replica's shards are taken over within lease + renew (≤ 40 s). */
export const SHARD_LEASE_MS = 30_000;
export const SHARD_COUNT_LEASE = 'discord-shards';
/** Longest wait before a replica whose gateway failed to start tries to take shards again. */
const MAX_BACKOFF_MS = 300_000;

export function shardLeaseName(id: number, count: number): string {
  return `discord-shard:${id}/${count}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameShards(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface ShardLeasesOptions {
  store: Pick<Store, 'acquireLease' | 'releaseLease'>;
  /** This replica's lease owner id. */
  owner: string;
  count: number;
  clock: Clock;
  /** Lease length (default 30 s); renewed every third of it. */
  leaseMs?: number;
  log: Logger;
  /**
   * Called after every change of the held set. `lost` shards may be taken by another replica
   * from now on: the callee must stop listening to them before it returns.
   */
  onChange: (held: number[], lost: number[]) => void;
}

/** Which shards of `count` this replica holds, kept by leases in the store. */
export class ShardLeases {
  readonly leaseMs: number;
  readonly renewMs: number;
  /** A shard is dropped this long before its lease could run out (clock skew, a slow stop). */
  readonly safetyMs: number;
  /** Shard → local time its lease runs out. */
  private readonly deadlines = new Map<number, number>();
  private countDeadline = 0;
  private countRefused = false;
  /** The held set as last reported to `onChange`. */
  private reported: number[] = [];
  /** Local time before which free shards are left to other replicas. */
  private standByUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private halted = false;

  constructor(private readonly options: ShardLeasesOptions) {
    this.leaseMs = options.leaseMs ?? SHARD_LEASE_MS;
    this.renewMs = Math.max(100, Math.floor(this.leaseMs / 3));
    this.safetyMs = Math.floor(this.renewMs / 2);
  }

  held(): number[] {
    return [...this.deadlines.keys()].sort((a, b) => a - b);
  }

  /** The first round (awaited), then a round every `renewMs`. */
  async start(): Promise<void> {
    await this.round();
    this.schedule();
  }

  /** Stops renewing (waits for a round in flight); the leases are kept until `releaseAll`. */
  async halt(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    clearTimeout(this.watchdog);
    await this.ticking;
  }

  /** Gives every held shard back at once (a clean stop hands over without waiting). */
  async releaseAll(): Promise<void> {
    await this.release(this.held());
  }

  /** Takes no free shard for `ms` (after a gateway that could not start); held ones are still renewed. */
  standBy(ms: number): void {
    this.standByUntil = this.options.clock.now().getTime() + ms;
  }

  /** Gives these shards back (a gateway that could not start). */
  async release(shards: number[]): Promise<void> {
    const { store, owner, count, log } = this.options;
    for (const id of shards) this.deadlines.delete(id);
    this.reported = this.held();
    for (const id of shards) {
      try {
        await store.releaseLease(shardLeaseName(id, count), owner);
      } catch (error) {
        log.warn({ shard: id, error: errorText(error) }, 'could not release a Discord shard lease; it runs out by itself');
      }
    }
  }

  private schedule(): void {
    if (this.halted) return;
    this.timer = setTimeout(() => {
      this.ticking = this.round().finally(() => {
        this.ticking = undefined;
        this.schedule();
      });
    }, this.renewMs);
  }

  /** One lease round: true/false as the store answered, 'error' when it could not. */
  private async acquire(name: string, owner: string, now: Date): Promise<boolean | 'error'> {
    try {
      return await this.options.store.acquireLease(name, owner, now, this.leaseMs);
    } catch (error) {
      this.options.log.warn({ lease: name, error: errorText(error) }, 'Discord shard lease not renewed (store error)');
      return 'error';
    }
  }

  /** Renews the count and the shards held, takes free shards, then drops what it lost. */
  private async round(): Promise<void> {
    const { count, owner, log } = this.options;
    const lost: number[] = [];
    const now = this.options.clock.now();
    const until = now.getTime() + this.leaseMs;
    const agreed = await this.acquire(SHARD_COUNT_LEASE, `count=${count}`, now);
    if (agreed === true) {
      this.countDeadline = until;
      this.countRefused = false;
    } else if (agreed === false) {
      // Replicas on another shard count are live: their shards overlap ours, so hold none.
      this.countDeadline = 0;
      if (!this.countRefused) {
        log.warn({ count }, 'another replica logs in to Discord with a different shard count; this one holds no shard until every replica agrees (restart them one by one)');
      }
      this.countRefused = true;
    }
    const taking = agreed === true && now.getTime() >= this.standByUntil;
    for (let id = 0; id < count; id++) {
      if (this.halted) break;
      const holding = this.deadlines.has(id);
      if (!holding && !taking) continue;
      const got = await this.acquire(shardLeaseName(id, count), owner, now);
      if (got === true) this.deadlines.set(id, until);
      else if (got === false && holding) {
        this.deadlines.delete(id);
        lost.push(id);
      }
    }
    if (this.halted) {
      // stop() runs: leases taken in this round are released with the others.
      return;
    }
    this.settle(lost);
  }

  /** Drops shards whose lease is about to run out unrenewed, reports changes, re-arms the watchdog. */
  private settle(lost: number[]): void {
    const now = this.options.clock.now().getTime();
    for (const [id, deadline] of this.deadlines) {
      if (Math.min(deadline, this.countDeadline) - this.safetyMs <= now) {
        this.deadlines.delete(id);
        lost.push(id);
      }
    }
    const held = this.held();
    if (lost.length > 0) this.options.log.warn({ shards: lost, count: this.options.count }, 'Discord shard lease lost: no longer listening to it');
    // Against what was last reported: the watchdog may have dropped a shard this round renewed.
    if (lost.length > 0 || !sameShards(this.reported, held)) {
      this.reported = held;
      this.options.onChange(held, lost);
    }
    clearTimeout(this.watchdog);
    if (held.length === 0 || this.halted) return;
    const earliest = Math.min(...held.map((id) => Math.min(this.deadlines.get(id)!, this.countDeadline)));
    this.watchdog = setTimeout(() => this.settle([]), Math.max(0, earliest - this.safetyMs - now));
  }
}

export interface ShardedDiscordOptions {
  /** Never logs in: everything outbound, and the shard count from /gateway/bot. */
  rest: DiscordPlatform;
  /** A gateway client for exactly these shards (`shards`, `shardCount`). */
  gateway: (shards: number[], shardCount: number) => DiscordPlatform;
  store: Pick<Store, 'acquireLease' | 'releaseLease'>;
  owner: string;
  clock: Clock;
  /** PRAYERBOT_SHARD_LEASE_SECONDS (default 30 s). */
  leaseMs?: number;
  log: Logger;
}

interface GatewayClient {
  platform: DiscordPlatform;
  shards: number[];
  /** Aborted when this client is replaced or stopped (a start in flight gives up). */
  abort: AbortController;
}

/** The Discord ChatPlatform of `prayerbot run`: REST for everything, the gateway for held shards. */
export class ShardedDiscord implements ChatPlatform {
  readonly name = 'discord' as const;
  readonly limits: MessageLimits;
  private readonly rest: DiscordPlatform;
  private readonly log: Logger;
  private leases: ShardLeases | undefined;
  private count = 0;
  private inbound: Inbound | undefined;
  private current: GatewayClient | undefined;
  private applying: Promise<void> = Promise.resolve();
  private started = false;
  private stopped = false;
  /** After a gateway that could not start: how long to leave free shards to others (doubles, ≤ 5 min). */
  private backoffMs = 0;
  private startError: unknown;

  constructor(private readonly options: ShardedDiscordOptions) {
    this.rest = options.rest;
    this.limits = options.rest.limits;
    this.log = options.log;
  }

  /** The shards this replica listens to, of how many. */
  shards(): { held: number[]; count: number } {
    return { held: this.leases?.held() ?? [], count: this.count };
  }

  async start(inbound: Inbound): Promise<void> {
    this.inbound = inbound;
    this.count = await this.rest.recommendedShards();
    this.leases = new ShardLeases({
      store: this.options.store,
      owner: this.options.owner,
      count: this.count,
      clock: this.options.clock,
      ...(this.options.leaseMs !== undefined ? { leaseMs: this.options.leaseMs } : {}),
      log: this.log,
      onChange: (_held, lost) => this.changed(lost),
    });
    await this.leases.start();
    await this.applying;
    if (this.startError !== undefined) {
      await this.stop();
      throw this.startError;
    }
    this.started = true;
    const { held, count } = this.shards();
    if (held.length === 0) this.log.info({ count }, 'Discord: every shard is held by another replica; this one posts over REST and stands by');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.leases?.halt();
    this.dropGateway();
    await this.applying;
    // Only once nothing here listens any more may another replica take the shards.
    await this.leases?.releaseAll();
  }

  ready(): boolean {
    if (!this.started || this.stopped) return false;
    const held = this.leases?.held() ?? [];
    if (held.length === 0) return true; // REST alone: posting works
    return sameShards(this.current?.shards, held) && this.current!.platform.ready();
  }

  // ---- shards ---------------------------------------------------------------------------

  private changed(lost: number[]): void {
    const current = this.current;
    if (current && lost.some((id) => current.shards.includes(id))) this.dropGateway();
    this.applying = this.applying.then(() => this.apply());
  }

  /** Stops the gateway client now (a lost lease cannot wait for the queue). */
  private dropGateway(): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    current.abort.abort();
    current.platform.stop().catch((error: unknown) => this.log.warn({ error: errorText(error) }, 'Discord gateway did not stop cleanly'));
  }

  /** Brings the gateway client in line with the held shards. Never rejects. */
  private async apply(): Promise<void> {
    const leases = this.leases;
    const inbound = this.inbound;
    if (!leases || !inbound || this.stopped) return;
    const want = leases.held();
    if (sameShards(this.current?.shards, want)) return;
    this.dropGateway();
    if (want.length === 0) return;
    const client: GatewayClient = { platform: this.options.gateway(want, this.count), shards: want, abort: new AbortController() };
    this.current = client;
    try {
      await untilAborted(client.platform.start(inbound), client.abort.signal, () => new Error('aborted'));
    } catch (error) {
      if (client.abort.signal.aborted) return; // replaced or stopped meanwhile
      this.dropGateway();
      // Free the shards for another replica; this one tries again later (each login counts
      // against Discord's daily session start limit, so not at every round).
      await leases.release(want);
      if (!this.started) {
        this.startError = error;
        return;
      }
      this.backoffMs = Math.min(Math.max(this.backoffMs * 2, leases.leaseMs), MAX_BACKOFF_MS);
      leases.standBy(this.backoffMs);
      this.log.error(
        { shards: want, error: errorText(error), retryInSeconds: Math.round(this.backoffMs / 1000) },
        'Discord gateway did not start; its shards are free for another replica',
      );
      return;
    }
    this.backoffMs = 0;
    this.log.info({ shards: want, count: this.count }, 'Discord shards held');
    // The first start is reconciled by the caller; every later one follows a gap.
    if (!this.started) return;
    try {
      await inbound.resync('discord');
    } catch (error) {
      this.log.error({ error: errorText(error) }, 'Discord resync after a shard change failed');
    }
  }

  // ---- outbound: REST, whoever holds the shards -------------------------------------------

  async inspectChannel(channelId: string): Promise<ChannelInspection> {
    // The gateway client answers from its cache when it has the channel.
    const current = this.current;
    if (current?.platform.ready()) {
      try {
        return await current.platform.inspectChannel(channelId);
      } catch (error) {
        if (this.current === current) throw error; // stopped mid-call: REST answers instead
      }
    }
    return this.rest.inspectChannel(channelId);
  }

  sendPost(part: PostPart, doc: PostDocument, signal: AbortSignal): Promise<SentMessage> {
    return this.rest.sendPost(part, doc, signal);
  }

  findPost(channelId: string, ledgerKey: string, since: Date): Promise<SentMessage | null> {
    return this.rest.findPost(channelId, ledgerKey, since);
  }

  editPost(channelId: string, messageId: string, doc: PostDocument): Promise<void> {
    return this.rest.editPost(channelId, messageId, doc);
  }

  retirePost(channelId: string, messageId: string, mode: 'delete' | 'edit', notice: string): Promise<void> {
    return this.rest.retirePost(channelId, messageId, mode, notice);
  }

  addOwnReaction(channelId: string, messageId: string): Promise<void> {
    return this.rest.addOwnReaction(channelId, messageId);
  }

  readReactions(channelId: string, messageId: string): Promise<ReactionHolder[]> {
    return this.rest.readReactions(channelId, messageId);
  }

  sendStaffText(channelId: string, text: string): Promise<void> {
    return this.rest.sendStaffText(channelId, text);
  }
}

