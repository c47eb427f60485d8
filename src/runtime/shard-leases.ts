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
// held by two replicas. The Discord side, which logs in to the shards held, is
// `ShardedDiscord` (src/platforms/discord/sharded-discord.ts).
import type { Logger } from 'pino';
import { errorLogFields } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import type { Store } from '../core/store.js';

/** Default shard lease: a dead replica's shards are taken over within lease + renew (≤ 40 s). */
export const SHARD_LEASE_MS = 30_000;
export const SHARD_COUNT_LEASE = 'discord-shards';

export function shardLeaseName(id: number, count: number): string {
  return `discord-shard:${id}/${count}`;
}

/** Same shard ids in the same (sorted) order. */
export function sameShards(a: readonly number[] | undefined, b: readonly number[]): boolean {
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
        log.warn({ shard: id, ...errorLogFields(error) }, 'could not release a Discord shard lease; it runs out by itself');
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
      this.options.log.warn({ lease: name, ...errorLogFields(error) }, 'Discord shard lease not renewed (store error)');
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
