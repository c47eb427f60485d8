// postDay and the sweep: the day's post to every channel, at most once and on time.
//
// The store's ledger is the only memory: node-cron keeps nothing across restarts. A part is
// claimed with a lease before it is sent; a claim whose lease expired (its sender died) is
// taken over only after asking the platform whether the message already exists.
import { errorLogFields } from './errors.js';
import { alertStaff, describe } from './alerts.js';
import { channelKey, type CoreContext } from './context.js';
import { channelPostsOf, splitIntoParts } from './plan/plan.js';
import { dayOf, daysOn, weekOf } from './plan-state.js';
import { channelLocale } from './language.js';
import { canTakeOver } from './post-claims.js';
import { postDocumentIn } from './post-document.js';
import { PlatformError, type ChatPlatform } from './ports.js';
import { privacyVerdict, refusalText, type GuardVerdict } from './privacy.js';
import { ReactionLookups, reconcilePost } from './reactions.js';
import { addDays, mondayOf, todayIn } from './time.js';
import type { ChannelPost, LocalDate, PlanDay, PostPart } from './types.js';
import type { PostClaim, PostRecord } from './store.js';

export type PartOutcome =
  | 'sent'
  | 'recovered' // a lost claim's message was found on the platform and recorded
  | 'already' // the ledger says it is done (or someone else holds the claim)
  | 'refused' // the privacy guard said no
  | 'failed'
  | 'skipped' // later than catch_up_hours
  | 'would-send'; // --dry-run

export interface PartResult {
  ledgerKey: string;
  outcome: PartOutcome;
  detail?: string;
}

/** Attempts per part before the bot gives up and tells staff. */
const MAX_ATTEMPTS = 5;
/**
 * A first attempt this close to its post time is the scheduled send, which may act on cached
 * privacy facts (at most 10 minutes old). Anything later is a catch-up and reads them again.
 */
const ON_TIME_MS = 2 * 60_000;

/** Is `key` (a request key) retracted by a week or request retraction? */
export function isRetracted(retractions: ReadonlySet<string>, requestKey: string): boolean {
  return retractions.has(requestKey) || retractions.has(requestKey.split('/')[0]!);
}

/** Keeps the requests `keep` accepts (callers drop retracted and expired ones) and the sections left with any. */
export function filterPost(post: ChannelPost, keep: (r: ChannelPost['sections'][number]['requests'][number]) => boolean): ChannelPost | undefined {
  const sections = post.sections
    .map((s) => ({ ...s, requests: s.requests.filter(keep) }))
    .filter((s) => s.requests.length > 0);
  return sections.length > 0 ? { ...post, sections } : undefined;
}

export function claimOf(part: PostPart): PostClaim {
  return {
    key: part.ledgerKey,
    platform: part.channel.platform,
    channelId: part.channel.id,
    date: part.date,
    part: part.part,
    week: part.week,
    regions: part.sections.map((s) => s.region.id),
    requestKeys: part.sections.flatMap((s) => s.requests.map((r) => r.key)),
  };
}

/** The parts due for one day, per running platform, after retractions and expiry. */
export async function partsOfDay(ctx: CoreContext, day: PlanDay, now: Date): Promise<PostPart[]> {
  const state = ctx.plan();
  const week = weekOf(state, day.week);
  if (!week) return [];
  const retractions = await ctx.retractions.read(ctx.store);
  const parts: PostPart[] = [];
  for (const post of channelPostsOf(state.config, week, day)) {
    const platform = ctx.platforms.get(post.channel.platform);
    if (!platform) continue;
    // channelPostsOf already kept only what the channel may carry (channelMayCarry).
    const kept = filterPost(post, (r) => !isRetracted(retractions, r.key) && r.expiresAt > now);
    if (kept) parts.push(...splitIntoParts(kept, platform.limits));
  }
  return parts;
}

/** The guard's verdict on facts at most 10 minutes old, or (`reread`) on facts read now. */
async function guard(ctx: CoreContext, platform: ChatPlatform, part: PostPart, reread: boolean): Promise<GuardVerdict> {
  const facts = reread ? await ctx.inspections.reread(platform, part.channel.id) : await ctx.inspections.get(platform, part.channel.id);
  return privacyVerdict(part.channel, facts);
}

async function refuse(ctx: CoreContext, part: PostPart, verdict: Extract<GuardVerdict, { allowed: false }>): Promise<PartResult> {
  const where = channelKey(part.channel.platform, part.channel.id);
  ctx.metrics.count('posts_refused');
  if (verdict.disable) ctx.disabledChannels.add(where);
  ctx.log.warn({ channel: where, date: part.date }, `post refused: ${verdict.reason}`);
  const raised = await alertStaff(ctx, `refused:${where}:${verdict.reason}`, ({ messages: m }) =>
    m.alertRefused({ where, reason: refusalText(m, verdict.why), disabled: verdict.disable }),
  );
  if (raised) await ctx.store.audit({ at: ctx.clock.now(), action: 'refuse', subject: where, detail: verdict.reason });
  return { ledgerKey: part.ledgerKey, outcome: 'refused', detail: verdict.reason };
}

/**
 * Sends one part under a renewed lease. A sender that loses its lease aborts and discards
 * its result; the platform call must end inside the lease.
 */
async function sendUnderLease(ctx: CoreContext, platform: ChatPlatform, part: PostPart): Promise<string | undefined> {
  const abort = new AbortController();
  const renew = setInterval(() => {
    ctx.store
      .renewLease(part.ledgerKey, ctx.owner, ctx.clock.now(), ctx.leaseMs)
      .then((held) => {
        if (!held) abort.abort(new Error('lease lost'));
      })
      .catch(() => abort.abort(new Error('lease renewal failed')));
  }, ctx.renewMs);
  // Give up a little before the lease runs out so no one else can start meanwhile.
  const deadline = setTimeout(() => abort.abort(new PlatformError('timeout', 'send did not finish inside the lease')), Math.max(1000, ctx.leaseMs - 10_000));
  try {
    const message = await platform.sendPost(part, postDocumentIn(channelLocale(ctx.plan().config, part.channel), part), abort.signal);
    if (abort.signal.aborted) return undefined;
    return message.messageId;
  } finally {
    clearInterval(renew);
    clearTimeout(deadline);
  }
}

/**
 * A recovered message was visible before the ledger knew it: 🙏 events from that time found no
 * post and were not counted. Read the message's reactions now, as a restart would.
 */
async function countEarlyReactions(ctx: CoreContext, key: string): Promise<void> {
  try {
    const record = await ctx.store.getPost(key);
    if (record) await reconcilePost(ctx, new ReactionLookups(), record);
  } catch (error) {
    ctx.log.warn({ post: key, ...errorLogFields(error) }, "could not read a recovered post's reactions; the next restart reads them");
  }
}

async function sendPart(ctx: CoreContext, platform: ChatPlatform, part: PostPart, manual: boolean): Promise<PartResult> {
  const key = part.ledgerKey;
  const where = channelKey(part.channel.platform, part.channel.id);
  if (manual) {
    // `prayerbot post --date` sends a day the sweep skipped as too late.
    const existing = await ctx.store.getPost(key);
    if (existing?.state === 'skipped') await ctx.store.deletePost(key);
  }
  const claim = await ctx.store.claimPost(claimOf(part), ctx.owner, ctx.clock.now(), ctx.leaseMs);
  if (!claim.won) return { ledgerKey: key, outcome: 'already', detail: claim.record.state };

  const previous: PostRecord | undefined = claim.previous;
  if (previous) {
    if (previous.attempts >= MAX_ATTEMPTS) {
      await ctx.store.markFailed(key, ctx.owner, `gave up after ${previous.attempts} attempts: ${previous.lastError ?? 'unknown error'}`, false, ctx.clock.now());
      await alertStaff(ctx, `gave-up:${key}`, (l) =>
        l.messages.alertGaveUp({ date: l.formatDate(part.date), where, attempts: previous.attempts, error: previous.lastError ?? 'unknown error', command: `prayerbot post --date ${part.date}` }),
      );
      ctx.metrics.count('posts_failed');
      return { ledgerKey: key, outcome: 'failed', detail: 'gave up' };
    }
    // An earlier attempt may have landed even if its answer was lost: ask before sending.
    try {
      const since = previous.claimedAt ?? new Date(part.postAt.getTime() - 60_000);
      const found = await platform.findPost(part.channel.id, key, new Date(since.getTime() - 60_000));
      if (found) {
        const recorded = await ctx.store.markSent(key, ctx.owner, found.messageId, ctx.clock.now());
        ctx.log.info({ post: key }, 'recovered a post whose send answer was lost');
        if (recorded) {
          // Its sender may have died before adding the bot's own 🙏.
          await platform.addOwnReaction(part.channel.id, found.messageId).catch((error: unknown) => {
            ctx.log.warn({ post: key, ...errorLogFields(error) }, "recovered a post but could not add the bot's own 🙏");
          });
          await countEarlyReactions(ctx, key);
        }
        return { ledgerKey: key, outcome: 'recovered' };
      }
    } catch (error) {
      await ctx.store.markFailed(key, ctx.owner, `could not check for an earlier send: ${describe(error)}`, true, ctx.clock.now());
      await alertStaff(ctx, `unverified:${key}`, (l) => l.messages.alertUnverified({ date: l.formatDate(part.date), where, error: describe(error) }));
      return { ledgerKey: key, outcome: 'failed', detail: 'could not verify' };
    }
  }

  try {
    const messageId = await sendUnderLease(ctx, platform, part);
    if (messageId === undefined) {
      ctx.log.warn({ post: key }, 'lost the lease while sending; result discarded');
      return { ledgerKey: key, outcome: 'failed', detail: 'lease lost' };
    }
    const recorded = await ctx.store.markSent(key, ctx.owner, messageId, ctx.clock.now());
    if (!recorded) ctx.log.warn({ post: key }, 'sent, but the lease had passed to another sender; it will find this message');
    ctx.metrics.count('posts_sent');
    ctx.log.info({ post: key }, 'posted');
    return { ledgerKey: key, outcome: 'sent' };
  } catch (error) {
    const retryable = error instanceof PlatformError ? error.retryable : true;
    await ctx.store.markFailed(key, ctx.owner, describe(error), retryable, ctx.clock.now());
    ctx.metrics.count('posts_failed');
    if (error instanceof PlatformError && error.code === 'channel_gone') {
      ctx.disabledChannels.add(where);
      const gone = error.message;
      await alertStaff(ctx, `gone:${where}`, ({ messages: m }) => m.alertGone({ where, error: gone }));
    } else if (!retryable) {
      await alertStaff(ctx, `gave-up:${key}`, (l) =>
        l.messages.alertCouldNotPost({ date: l.formatDate(part.date), where, error: describe(error), command: `prayerbot post --date ${part.date}` }),
      );
    } else {
      ctx.log.warn({ post: key, ...errorLogFields(error) }, 'send failed; the sweep retries it');
    }
    return { ledgerKey: key, outcome: 'failed', detail: describe(error) };
  }
}

/** Posts one channel's parts in order; a failing part does not stop the next. */
async function postChannel(ctx: CoreContext, parts: PostPart[], opts: { manual: boolean; dryRun: boolean }): Promise<PartResult[]> {
  const results: PartResult[] = [];
  const first = parts[0]!;
  const where = channelKey(first.channel.platform, first.channel.id);
  const platform = ctx.platforms.get(first.channel.platform)!;
  if (ctx.disabledChannels.has(where)) {
    return parts.map((p) => ({ ledgerKey: p.ledgerKey, outcome: 'refused' as const, detail: 'channel disabled' }));
  }
  // A catch-up, retry, recovery or `post --date` never acts on cached facts: the channel may
  // have been made public since. One fresh read serves the channel's later parts.
  let reread = false;
  for (const part of parts) {
    const existing = await ctx.store.getPost(part.ledgerKey);
    // What a claim cannot take over is done, except by hand: a skipped day, or a failure the
    // sweep may not retry.
    if (existing && !canTakeOver(existing, ctx.clock.now()) && !(opts.manual && (existing.state === 'skipped' || existing.state === 'failed'))) {
      results.push({ ledgerKey: part.ledgerKey, outcome: 'already', detail: existing.state });
      continue;
    }
    const late = opts.manual || existing !== undefined || ctx.clock.now().getTime() - part.postAt.getTime() >= ON_TIME_MS;
    let verdict: GuardVerdict;
    try {
      verdict = await guard(ctx, platform, part, late && !reread);
      reread ||= late;
    } catch (error) {
      results.push({ ledgerKey: part.ledgerKey, outcome: 'failed', detail: `privacy check failed: ${describe(error)}` });
      ctx.log.warn({ channel: where, ...errorLogFields(error) }, 'privacy check failed; nothing sent');
      continue;
    }
    if (!verdict.allowed) {
      results.push(await refuse(ctx, part, verdict));
      continue;
    }
    if (opts.dryRun) {
      results.push({ ledgerKey: part.ledgerKey, outcome: 'would-send' });
      continue;
    }
    results.push(await sendPart(ctx, platform, part, opts.manual));
  }
  return results;
}

/**
 * One replica with an outdated plan must not post, sweep or send the digest. Staff are told
 * once per (outdated plan, newest plan): a restart of the same replica does not say it again.
 */
export async function planIsCurrent(ctx: CoreContext): Promise<boolean> {
  let newest = await ctx.store.newestPlanHash();
  if (newest && newest !== ctx.plan().hash && ctx.followSaves) {
    // Perhaps a week was saved on another replica's page since this one last looked.
    await ctx.followSaves();
    newest = await ctx.store.newestPlanHash();
  }
  const mine = ctx.plan().hash;
  if (!newest || newest === mine) return true;
  await alertStaff(ctx, `stale-plan:${mine}:${newest}`, ({ messages: m }) => m.alertStalePlan({ owner: ctx.owner }));
  return false;
}

/**
 * Sends a day's post to every channel now. `date` is channel-local: each channel posts its
 * own day of that date. Without a date, each channel posts its own today. Channels run side
 * by side.
 */
export async function postDay(ctx: CoreContext, date: LocalDate | undefined, opts: { manual?: boolean; dryRun?: boolean } = {}): Promise<PartResult[]> {
  if (!opts.dryRun && !(await planIsCurrent(ctx))) return [];
  const state = ctx.plan();
  const now = ctx.clock.now();
  const days = date !== undefined
    ? daysOn(state, date)
    : state.calendars.flatMap((c) => dayOf(state, todayIn(c.calendar.timezone, now), c) ?? []);
  return postCurrentDays(ctx, days, opts);
}

/** postDay once the plan is known to be current (the sweep checks it once for every day). */
async function postCurrentDays(ctx: CoreContext, days: PlanDay[], opts: { manual?: boolean; dryRun?: boolean }): Promise<PartResult[]> {
  const parts: PostPart[] = [];
  for (const day of days) parts.push(...(await partsOfDay(ctx, day, ctx.clock.now())));
  const byChannel = new Map<string, PostPart[]>();
  for (const part of parts) {
    const key = channelKey(part.channel.platform, part.channel.id);
    byChannel.set(key, [...(byChannel.get(key) ?? []), part]);
  }
  const settled = await Promise.all([...byChannel.values()].map((channelParts) => postChannel(ctx, channelParts, { manual: opts.manual ?? false, dryRun: opts.dryRun ?? false })));
  return settled.flat();
}

/**
 * Sends whatever is due and less than catch_up_hours late; records later days as skipped
 * and tells staff once. Runs at start, every minute, on the post cron and on node-cron's
 * `execution:missed`. Each calendar's days are judged by its own zone's today.
 */
export async function sweep(ctx: CoreContext): Promise<PartResult[]> {
  const state = ctx.plan();
  const { config } = state;
  const now = ctx.clock.now();
  const today = todayIn(config.timezone, now);
  const todays = new Map(state.calendars.map((c) => [c.calendar.key, todayIn(c.calendar.timezone, now)]));
  const windowMs = config.schedule.catchUpHours * 3_600_000;
  const lookbackDays = Math.ceil(config.schedule.catchUpHours / 24) + 2;
  const results: PartResult[] = [];
  // An outdated plan's idea of what is due, missed or missing is not the plan in force.
  if (!(await planIsCurrent(ctx))) return results;

  const thisWeek = mondayOf(today);
  if (!weekOf(state, thisWeek) && state.days.length > 0) {
    await alertStaff(ctx, `no-plan:${thisWeek}`, ({ messages: m }) => m.alertNoPlan({ week: thisWeek, file: `prompts/${thisWeek}.yaml` }));
  }

  for (const day of state.days) {
    const localToday = todays.get(day.calendar) ?? today;
    if (day.date < addDays(localToday, -lookbackDays) || day.date > localToday) continue;
    const late = now.getTime() - day.postAt.getTime();
    if (late < 0) continue;
    if (ctx.sweepFrom && day.postAt < ctx.sweepFrom) continue;
    if (late < windowMs) {
      results.push(...(await postCurrentDays(ctx, [day], {})));
      continue;
    }
    const missed: string[] = [];
    for (const part of await partsOfDay(ctx, day, day.postAt)) {
      const existing = await ctx.store.getPost(part.ledgerKey);
      if (existing) continue;
      await ctx.store.markSkipped(claimOf(part), `more than ${config.schedule.catchUpHours} h late`, now);
      missed.push(channelKey(part.channel.platform, part.channel.id));
      results.push({ ledgerKey: part.ledgerKey, outcome: 'skipped' });
    }
    if (missed.length > 0) {
      await alertStaff(ctx, `missed:${day.date}:${missed.join(',')}`, (l) =>
        l.messages.alertMissed({ date: l.formatDate(day.date), where: missed.join(', '), hours: config.schedule.catchUpHours, command: `prayerbot post --date ${day.date}` }),
      );
    }
  }
  return results;
}
