// The Discord ChatPlatform `prayerbot run` uses, its gateway shards shared out between
// replicas by `ShardLeases` (src/runtime/shard-leases.ts, which says why). A REST-only
// adapter for everything outbound (it never needs a gateway session, so a replica holding no
// shard still posts, edits, retires and reads reactions), and one gateway client logged in to
// exactly the shards held (`shards: [ids], shardCount`). When the held set changes, that
// client is replaced by one for the new set and the core re-reads reactions (`resync`), since
// events in the gap were lost. Replacing one client is simpler than one client per shard and
// costs a re-identify of the other held shards, which happens only when a replica starts,
// stops or dies.
import type { Logger } from 'pino';
import { untilAborted } from '../../core/abortable.js';
import { errorLogFields } from '../../core/errors.js';
import type { ChannelInspection, ChatPlatform, Clock, Inbound, MessageLimits, ReactionHolder } from '../../core/ports.js';
import type { Store } from '../../core/store.js';
import { sameShards, ShardLeases } from '../../runtime/shard-leases.js';
import { DelegatesPosts, type PostMessages } from '../post-delegation.js';
import type { DiscordPlatform } from './discord-platform.js';

/** Longest wait before a replica whose gateway failed to start tries to take shards again. */
const MAX_BACKOFF_MS = 300_000;

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
export class ShardedDiscord extends DelegatesPosts implements ChatPlatform {
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
    super();
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
    current.platform.stop().catch((error: unknown) => this.log.warn(errorLogFields(error), 'Discord gateway did not stop cleanly'));
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
        { shards: want, ...errorLogFields(error), retryInSeconds: Math.round(this.backoffMs / 1000) },
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
      this.log.error(errorLogFields(error), 'Discord resync after a shard change failed');
    }
  }

  // ---- outbound: REST, whoever holds the shards -------------------------------------------

  /** Posting (DelegatesPosts) goes to the REST adapter. */
  protected get messages(): PostMessages {
    return this.rest;
  }

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

  readReactions(channelId: string, messageId: string): Promise<ReactionHolder[]> {
    return this.rest.readReactions(channelId, messageId);
  }

  memberRoles(userId: string, channelIds: string[]): Promise<string[] | undefined> {
    return this.rest.memberRoles(userId, channelIds);
  }
}

