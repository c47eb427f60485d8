// The core as one object: what adapters call (Inbound) and what the scheduler and the CLI
// call (sweep, postDay, retire, retract, digest, tally). It holds no platform types.
import { errorLogFields } from './errors.js';
import type { Messages } from '../i18n/index.js';
import { answerPray, callerChannel, isStaff, type PrayDeps } from './answer-pray.js';
import { ChannelFactsCache } from './channel-facts.js';
import { DEFAULT_LEASE_MS, DEFAULT_RENEW_MS, noMetrics, type CoreContext, type CoreMetrics } from './context.js';
import { sendDigest } from './digest.js';
import { channelLocale } from './language.js';
import type { PlanState } from './plan-state.js';
import type {
  ChatPlatform,
  Clock,
  Inbound,
  Log,
  PrayAnswer,
  PrayCommand,
  PrayedButtonAnswer,
  PrayedButtonPress,
  ReactionEvent,
  ReactionsClearedEvent,
} from './ports.js';
import { pressPrayedButton } from './prayed-button.js';
import { postDay, sweep, type PartResult } from './posting.js';
import { regionChoices } from './pray-command.js';
import { refreshPrayFacts } from './pray-privacy.js';
import { ReactionIngest, ReactionLookups, reactionsCleared, recordReaction, resync } from './reactions.js';
import { isRetractSubject, retireExpired, retract, type RetentionAction } from './retention.js';
import { RetractionList } from './retraction-list.js';
import { summarize, type TallySummary } from './tally.js';
import type { LocalDate, PlatformName } from './types.js';
import type { Store } from './store.js';
import { signInLinkAnswer, type SignInSetup } from './coordinator/sign-in.js';

export interface PrayerBotOptions {
  store: Store;
  clock: Clock;
  log: Log;
  platforms: ChatPlatform[];
  plan: () => PlanState;
  owner: string;
  metrics?: CoreMetrics;
  leaseMs?: number;
  renewMs?: number;
  sweepFrom?: Date;
  /** Where `/pray coordinator` issues sign-in links (the real store and clock); absent: not served. */
  signIn?: SignInSetup;
  /** See CoreContext.followSaves. */
  followSaves?: () => Promise<void>;
}

export class PrayerBot implements Inbound {
  readonly ctx: CoreContext;
  private readonly ingest: ReactionIngest;
  private readonly lookups = new ReactionLookups();
  private readonly signIn: SignInSetup | undefined;
  /** What /pray may do beyond answering, made once (every /pray would otherwise build it). */
  private readonly prayDeps: PrayDeps;

  constructor(options: PrayerBotOptions) {
    this.ctx = {
      store: options.store,
      clock: options.clock,
      log: options.log,
      platforms: new Map(options.platforms.map((p) => [p.name, p])),
      plan: options.plan,
      owner: options.owner,
      leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
      renewMs: options.renewMs ?? DEFAULT_RENEW_MS,
      metrics: options.metrics ?? noMetrics,
      retractions: new RetractionList(),
      inspections: new ChannelFactsCache(options.clock),
      disabledChannels: new Set(),
      ...(options.sweepFrom ? { sweepFrom: options.sweepFrom } : {}),
      ...(options.followSaves ? { followSaves: options.followSaves } : {}),
    };
    this.ingest = new ReactionIngest(options.store, undefined, (n) => this.ctx.metrics.count('reactions', n));
    this.signIn = options.signIn;
    const signIn = this.signIn;
    this.prayDeps = {
      retract: async (subject, messages) => this.retractForChat(subject, messages),
      ...(signIn ? { signInLink: (actor: string) => signInLinkAnswer(signIn, actor) } : {}),
    };
  }

  // --- Inbound: what adapters call ------------------------------------------------------

  reaction(event: ReactionEvent): Promise<void> {
    // Not async: the cached path returns the batch's own promise, adding none per event.
    return recordReaction(this.ctx, this.ingest, this.lookups, event);
  }

  async reactionsCleared(event: ReactionsClearedEvent): Promise<void> {
    await reactionsCleared(this.ctx, this.lookups, event);
  }

  async resync(platform: PlatformName): Promise<void> {
    const n = await resync(this.ctx, this.lookups, platform);
    this.ctx.log.info({ platform, posts: n }, 'reactions reconciled');
  }

  pray(command: PrayCommand): Promise<PrayAnswer> {
    return answerPray(this.ctx, command, this.prayDeps).catch((error: unknown) => {
      this.ctx.log.error({ ...errorLogFields(error), platform: command.platform }, '/pray failed');
      return { kind: 'text', text: this.messagesFor(command).prayFailed };
    });
  }

  /** The messages of the caller's channel's language (reads only the plan). */
  messagesFor(caller: PrayCommand): Messages {
    const { config } = this.ctx.plan();
    return channelLocale(config, callerChannel(config, caller)).messages;
  }

  prayedButton(press: PrayedButtonPress): Promise<PrayedButtonAnswer> {
    return pressPrayedButton(this.ctx, this.lookups, press);
  }

  regionChoices(typed: string): Array<{ name: string; value: string }> {
    return regionChoices(this.ctx.plan().config.regions, typed);
  }

  // --- use cases --------------------------------------------------------------------------

  async sweep(): Promise<PartResult[]> {
    // Posting decides from a fresh list (the scheduler also re-reads it every few seconds).
    await this.ctx.retractions.read(this.ctx.store);
    const results = await sweep(this.ctx);
    // After the sweep, whose own checks then count: /pray's staff channels not checked lately.
    refreshPrayFacts(this.ctx);
    return results;
  }

  /** Re-reads the retraction list /pray answers from (the scheduler, every few seconds). */
  async refreshRetractions(): Promise<void> {
    await this.ctx.retractions.read(this.ctx.store);
  }

  /** `date` is channel-local; without it, each channel's own today. */
  postDay(date: LocalDate | undefined, opts: { manual?: boolean; dryRun?: boolean } = {}): Promise<PartResult[]> {
    return postDay(this.ctx, date, opts);
  }

  retire(opts: { dryRun?: boolean } = {}): Promise<RetentionAction[]> {
    return retireExpired(this.ctx, this.lookups, opts);
  }

  retract(subject: string, opts: { undo?: boolean; dryRun?: boolean; actor?: string } = {}): Promise<RetentionAction[]> {
    return retract(this.ctx, this.lookups, subject, opts);
  }

  digest(): Promise<boolean> {
    return sendDigest(this.ctx);
  }

  async tally(week?: LocalDate): Promise<TallySummary> {
    return summarize(await this.ctx.store.tally(week ? { week } : {}), week);
  }

  isStaff(command: PrayCommand): boolean {
    return isStaff(this.ctx.plan().config, command);
  }

  /** Waits for queued reaction writes (shutdown, tests). */
  drain(): Promise<void> {
    return this.ingest.drain();
  }

  private async retractForChat(subject: string, m: Messages): Promise<string> {
    if (!isRetractSubject(subject)) return m.retractBadSubject({ subject });
    // Only posted copies are counted: forgetting the week's records is not a copy taken down.
    const copies = (await this.retract(subject)).filter((a) => a.action !== 'forget-week');
    const done = copies.filter((a) => a.done).length;
    return m.retracted({ subject, done, failed: copies.length - done });
  }
}
