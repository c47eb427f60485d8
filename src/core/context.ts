// What every use case of the core works with. Built once by src/main.ts (or by a CLI command)
// and passed explicitly; nothing here is a global.
import type { Store } from './store.js';
import type { ChannelFactsCache } from './channel-facts.js';
import type { ChatPlatform, Clock, Log } from './ports.js';
import type { PlanState } from './plan-state.js';
import type { PlatformName } from './types.js';

/** Counters the runtime exports as Prometheus metrics; the core only increments them. */
export interface CoreMetrics {
  count(name: 'posts_sent' | 'posts_failed' | 'posts_refused' | 'reactions' | 'prayed_presses' | 'pray_answers' | 'alerts' | 'retired', by?: number): void;
}

export const noMetrics: CoreMetrics = { count: () => undefined };

export interface CoreContext {
  store: Store;
  clock: Clock;
  log: Log;
  /** Platforms running in this process, by name. */
  platforms: ReadonlyMap<PlatformName, ChatPlatform>;
  /** The last good plan (hot reload swaps it). */
  plan(): PlanState;
  /** This process's id: the owner of its ledger leases. */
  owner: string;
  /** Ledger claim lease and its renewal period (DESIGN: 2 minutes, renewed every 30 s). */
  leaseMs: number;
  renewMs: number;
  metrics: CoreMetrics;
  /** Per-process privacy facts of channels, shared by posting, staff reports and /pray. */
  inspections: ChannelFactsCache;
  /** Days posted before this instant are never reported as missed (the console replay). */
  sweepFrom?: Date;
  /** Channels found archived or deleted: not tried again until restart. */
  disabledChannels: Set<string>;
  /**
   * Takes up weeks saved on the coordinator page since the plan was loaded (another replica's
   * save is the newest plan): asked before this replica's plan is judged outdated.
   */
  followSaves?(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 120_000;
export const DEFAULT_RENEW_MS = 30_000;

export function channelKey(platform: PlatformName, channelId: string): string {
  return `${platform}:${channelId}`;
}

/** Microseconds since the epoch, for ordering reaction events and snapshots. */
export function micros(date: Date): number {
  return date.getTime() * 1000;
}
