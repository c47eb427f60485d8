// The privacy facts of channels (what `inspectChannel` says), kept per process and shared by
// everything that judges a channel: posting, staff reports and /pray. Facts change rarely, so
// one read serves many uses — but never for longer than FACTS_MAX_AGE_MS, and a caller that
// must not act on old facts (a late send, a retry) asks for a new read instead.
//
// Only facts are kept, never verdicts: the verdict is worked out from them each time against
// the config in force, so an edited `allow_public` or audience counts at once. Facts that
// depend on the config (Discord's outsiders depend on the viewer roles) are dropped with
// `clear()` when those settings change (src/main.ts).
import { errorLogFields } from './errors.js';
import type { ChannelInspection, ChatPlatform, Clock, Log } from './ports.js';
import type { PlatformName } from './types.js';

/** The oldest facts anything may act on (the design's 10 minutes). */
export const FACTS_MAX_AGE_MS = 10 * 60_000;

export interface CachedFacts {
  facts: ChannelInspection;
  /** When the read that produced them started (ms since the epoch, the core's clock). */
  at: number;
}

interface Entry extends CachedFacts {
  /** Order of the read that produced them: a slower, older read never overwrites a newer one. */
  seq: number;
}

export class ChannelFactsCache {
  private readonly entries = new Map<string, Entry>();
  /** Reads under way, so that a burst of callers (a /pray storm, a sweep) makes one call. */
  private readonly reading = new Map<string, Promise<ChannelInspection>>();
  private seq = 0;
  /** Bumped by clear(): reads started before it keep nothing. */
  private generation = 0;

  constructor(private readonly clock: Clock) {}

  /** Facts read at most `maxAgeMs` ago, without asking the platform; undefined when there are none. */
  cached(platform: PlatformName, channelId: string, maxAgeMs = FACTS_MAX_AGE_MS): CachedFacts | undefined {
    const entry = this.entries.get(keyOf(platform, channelId));
    if (!entry || this.clock.now().getTime() - entry.at >= maxAgeMs) return undefined;
    return { facts: entry.facts, at: entry.at };
  }

  /** Facts at most `maxAgeMs` old: the cached ones, else one read (shared with any read under way). */
  async get(platform: ChatPlatform, channelId: string, maxAgeMs = FACTS_MAX_AGE_MS): Promise<ChannelInspection> {
    const cached = this.cached(platform.name, channelId, maxAgeMs);
    if (cached) return cached.facts;
    return this.reading.get(keyOf(platform.name, channelId)) ?? this.read(platform, channelId);
  }

  /** Reads the facts from the platform now, whatever is cached or under way, and keeps them. */
  reread(platform: ChatPlatform, channelId: string): Promise<ChannelInspection> {
    return this.read(platform, channelId);
  }

  /**
   * Starts a read in the background unless one is under way. Never throws and never waits:
   * for callers that must stay fast (/pray) and answer from what is known meanwhile.
   */
  refresh(platform: ChatPlatform, channelId: string, log: Log): void {
    if (this.reading.has(keyOf(platform.name, channelId))) return;
    this.read(platform, channelId).catch((error: unknown) => {
      log.warn({ platform: platform.name, channel: channelId, ...errorLogFields(error) }, 'could not refresh the privacy facts of a channel');
    });
  }

  /** Forgets every fact (they were read against settings that have changed). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.reading.clear();
  }

  private read(platform: ChatPlatform, channelId: string): Promise<ChannelInspection> {
    const key = keyOf(platform.name, channelId);
    const seq = ++this.seq;
    const generation = this.generation;
    const at = this.clock.now().getTime();
    const reading = platform.inspectChannel(channelId).then(
      (facts) => {
        if (this.reading.get(key) === reading) this.reading.delete(key);
        const kept = this.entries.get(key);
        if (generation === this.generation && (!kept || kept.seq < seq)) this.entries.set(key, { facts, at, seq });
        return facts;
      },
      (error: unknown) => {
        if (this.reading.get(key) === reading) this.reading.delete(key);
        throw error;
      },
    );
    this.reading.set(key, reading);
    return reading;
  }
}

function keyOf(platform: PlatformName, channelId: string): string {
  return `${platform}:${channelId}`;
}
