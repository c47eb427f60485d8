// Retention and retraction: posts come down when their requests expire or are retracted,
// and a week's reactor hashes are deleted once nothing of that week is live any more.
import { alertStaff, describe } from './alerts.js';
import type { CoreContext } from './context.js';
import { ENGLISH_LOCALE } from '../i18n/index.js';
import { channelLocale } from './language.js';
import { isRetracted } from './posting.js';
import { postDocumentIn } from './post-document.js';
import { sectionsOf } from './plan/channel-posts.js';
import { weekOf } from './plan-state.js';
import type { ReactionLookups } from './reactions.js';
import { addDays, startOfDayInstant } from './time.js';
import type { LocalDate, PostPart, ScheduledRequest } from './types.js';
import type { PostRecord } from './store.js';

const EVENT_ID_KEEP_MS = 60 * 60_000;

/** What a retired post reads (`retire: edit`), in English; a channel gets it in its language. */
export const RETIREMENT_NOTICE = ENGLISH_LOCALE.messages.retirementNotice;

export interface RetentionAction {
  post: string;
  action: 'retire' | 'edit' | 'retract' | 'forget-week' | 'reopen-week';
  detail: string;
  done: boolean;
}

/** When a request expires: from the plan, else (its week file gone) post date + retention. */
function expiryOf(ctx: CoreContext, post: PostRecord, requestKey: string): Date {
  const state = ctx.plan();
  const request = state.requests.get(requestKey);
  if (request) return request.expiresAt;
  return startOfDayInstant(addDays(post.date, state.config.retentionDays), state.config.timezone);
}

/** The post rebuilt with only `keep` of its requests (for a partial expiry or retraction). */
function rebuiltPart(ctx: CoreContext, post: PostRecord, keep: ScheduledRequest[]): PostPart | undefined {
  const state = ctx.plan();
  const week = weekOf(state, post.week);
  const channel = state.config.channels.find((c) => c.platform === post.platform && c.id === post.channelId);
  if (!week || !channel || keep.length === 0) return undefined;
  return {
    date: post.date,
    postAt: post.sentAt ?? ctx.clock.now(),
    week: post.week,
    channel,
    verse: week.verse,
    sections: sectionsOf(state.config, keep),
    part: post.part,
    partCount: 1,
    ledgerKey: post.key,
  };
}

/**
 * Takes `post` down to the requests in `remaining`: retires it when none remain, edits it
 * otherwise. Returns whether the platform call succeeded.
 */
async function reduce(ctx: CoreContext, lookups: ReactionLookups, post: PostRecord, remaining: string[], why: 'retire' | 'retract', dryRun: boolean): Promise<RetentionAction> {
  const platform = ctx.platforms.get(post.platform);
  const now = ctx.clock.now();
  const gone = post.requestKeys.filter((k) => !remaining.includes(k));
  const keep = remaining.map((k) => ctx.plan().requests.get(k)).filter((r): r is ScheduledRequest => r !== undefined);
  const part = keep.length > 0 ? rebuiltPart(ctx, post, keep) : undefined;
  const action: RetentionAction['action'] = part ? 'edit' : why;
  const detail = part ? `dropped ${gone.join(', ')}` : `${why === 'retract' ? 'retracted' : 'expired'}: ${post.requestKeys.join(', ')}`;
  if (dryRun) return { post: post.key, action, detail, done: false };
  if (!platform || !post.messageId) {
    await alertStaff(ctx, `cannot-${why}:${post.key}`, ({ messages: m }) => m.alertCannotTakeDown({ post: post.key, platform: post.platform }));
    return { post: post.key, action, detail: `${detail} (platform not running)`, done: false };
  }
  const { config } = ctx.plan();
  const channel = config.channels.find((c) => c.platform === post.platform && c.id === post.channelId);
  // A channel no longer in the config gets the organisation's language.
  const locale = channelLocale(config, channel ?? {});
  try {
    if (part) {
      await platform.editPost(post.channelId, post.messageId, postDocumentIn(locale, part));
      await ctx.store.updatePostContent(post.key, part.sections.flatMap((s) => s.requests.map((r) => r.key)), part.sections.map((s) => s.region.id));
    } else {
      // A retraction always deletes: the notice would keep the reactions and the slot visible.
      const mode = why === 'retract' ? 'delete' : ctx.plan().config.retire;
      await platform.retirePost(post.channelId, post.messageId, mode, locale.messages.retirementNotice);
      await ctx.store.endPost(post.key, why === 'retract' ? 'retracted' : 'retired', now);
      lookups.forget(post);
      ctx.metrics.count('retired');
    }
  } catch (error) {
    const messageGone = error instanceof Error && 'code' in error && (error as { code: unknown }).code === 'message_gone';
    if (!messageGone) {
      const failure = describe(error);
      await alertStaff(ctx, `${why}-failed:${post.key}`, (l) => l.messages.alertTakeDownFailed({ post: post.key, date: l.formatDate(post.date), error: failure }));
      return { post: post.key, action, detail: `${detail} (failed: ${describe(error)})`, done: false };
    }
    // Someone already deleted it: the end is the same.
    await ctx.store.endPost(post.key, why === 'retract' ? 'retracted' : 'retired', now);
    lookups.forget(post);
  }
  await ctx.store.audit({ at: now, action: action === 'edit' ? `${why}-edit` : why, subject: post.key, detail });
  return { post: post.key, action, detail, done: true };
}

/** Latest expiry of a week's requests, from the plan, else from its posts. */
function weekEnd(ctx: CoreContext, week: LocalDate, posts: PostRecord[]): Date {
  const state = ctx.plan();
  const fromPlan = [...state.requests.values()].filter((r) => r.week === week).map((r) => r.expiresAt.getTime());
  const fromPosts = posts.filter((p) => p.week === week).flatMap((p) => p.requestKeys.map((k) => expiryOf(ctx, p, k).getTime()));
  const all = [...fromPlan, ...fromPosts];
  return new Date(all.length > 0 ? Math.max(...all) : 0);
}

/** The retention run: at start, every 15 minutes, and `prayerbot retire`. */
export async function retireExpired(ctx: CoreContext, lookups: ReactionLookups, opts: { dryRun?: boolean } = {}): Promise<RetentionAction[]> {
  const now = ctx.clock.now();
  const dryRun = opts.dryRun ?? false;
  const actions: RetentionAction[] = [];
  const retractions = await ctx.retractions.read(ctx.store);
  const live = await ctx.store.listPosts({ states: ['sent'] });
  for (const post of live) {
    const remaining = post.requestKeys.filter((k) => expiryOf(ctx, post, k) > now && !isRetracted(retractions, k));
    if (remaining.length === post.requestKeys.length) continue;
    actions.push(await reduce(ctx, lookups, post, remaining, 'retire', dryRun));
  }
  // Slack retries an event for up to about an hour; its id is kept that long (DESIGN: ≥ 10 min).
  if (!dryRun) await ctx.store.pruneEvents(new Date(now.getTime() - EVENT_ID_KEEP_MS));
  const all = await ctx.store.listPosts({});
  for (const week of await ctx.store.weeksWithKeys()) {
    if (now < weekEnd(ctx, week, all) && !retractions.has(week)) continue;
    actions.push(await forgetWeek(ctx, lookups, week, 'week key and reactor hashes deleted; counts kept', dryRun));
  }
  return actions;
}

/**
 * Deletes a week's key and reactor hashes, keeping the counts. The week is forgotten even when
 * the store could not wipe every old copy from its files (`wipe_incomplete`): staff are told
 * what is left, and the action is reported as not done.
 */
/** `by`: who asked (a retraction's actor), for the audit log. */
async function forgetWeek(
  ctx: CoreContext,
  lookups: ReactionLookups,
  week: LocalDate,
  auditDetail: string,
  dryRun: boolean,
  by: { actor?: string } = {},
): Promise<RetentionAction> {
  const action: RetentionAction = { post: week, action: 'forget-week', detail: 'reactor hashes deleted; counts kept', done: !dryRun };
  if (dryRun) return action;
  const now = ctx.clock.now();
  try {
    await ctx.store.forgetWeek(week, now);
  } catch (error) {
    if (!isWipeIncomplete(error)) throw error;
    const left = error.message;
    await alertStaff(ctx, `wipe-incomplete:${week}`, (l) => l.messages.alertWipeIncomplete({ week: l.formatDate(week), error: left }));
    action.detail = 'reactor hashes deleted; counts kept; old copies remain on disk (staff were told)';
    action.done = false;
  }
  lookups.forgetWeek(week);
  await ctx.store.audit({ at: now, action: 'forget-week', subject: week, detail: action.done ? auditDetail : `${auditDetail}; old copies remain on disk`, ...by });
  return action;
}

function isWipeIncomplete(error: unknown): error is Error & { code: 'wipe_incomplete' } {
  return error instanceof Error && (error as { code?: unknown }).code === 'wipe_incomplete';
}

export function isRetractSubject(subject: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(\/[A-Za-z0-9._-]+)?$/.test(subject);
}

/**
 * Undo of a retraction. The taken-down ledger entries are cleared so the sweep or
 * `post --date` can send their days again, each keeping its count in the tally as an earlier
 * copy. A whole week whose key the retraction forgot is re-opened under a new key (while the
 * week still runs): reactions on the re-sent posts count from then on, as other people — the
 * old hashes are gone, so nobody can be matched across the two keys.
 */
async function undoRetraction(
  ctx: CoreContext,
  lookups: ReactionLookups,
  subject: string,
  matches: (key: string) => boolean,
  dryRun: boolean,
  by: { actor?: string },
): Promise<RetentionAction[]> {
  const now = ctx.clock.now();
  const retracted = (await ctx.store.listPosts({ states: ['retracted'] })).filter((p) => p.requestKeys.some(matches));
  const actions = retracted.map((p): RetentionAction => ({ post: p.key, action: 'retract', detail: 'may be posted again; its count is kept', done: !dryRun }));
  if (dryRun) return actions;
  await ctx.store.removeRetraction(subject);
  await ctx.retractions.read(ctx.store);
  // Re-open before any entry is cleared, so every re-sent post is sent under the new key.
  const wholeWeek = !subject.includes('/');
  const reopened = wholeWeek && now < weekEnd(ctx, subject, await ctx.store.listPosts({ week: subject })) && (await ctx.store.reopenWeek(subject, now));
  if (reopened) lookups.forgetWeek(subject);
  for (const post of retracted) await ctx.store.keepRetractedCount(post.key, now);
  const detail = `${retracted.length} ledger entries cleared, their counts kept${reopened ? '; counting re-opened under a new week key' : ''}`;
  await ctx.store.audit({ at: now, action: 'retract-undo', subject, detail, ...by });
  if (reopened) actions.push({ post: subject, action: 'reopen-week', detail: 'counting re-opened under a new week key; counts from before kept', done: true });
  return actions;
}

/**
 * Takes every posted copy of a week or request down now; `undo` allows it to be posted again.
 * `actor` (who asked: `slack:U…`, `cli`, …) goes to the audit log.
 */
export async function retract(ctx: CoreContext, lookups: ReactionLookups, subject: string, opts: { undo?: boolean; dryRun?: boolean; actor?: string } = {}): Promise<RetentionAction[]> {
  const now = ctx.clock.now();
  const by = opts.actor !== undefined ? { actor: opts.actor } : {};
  const matches = (key: string) => key === subject || key.split('/')[0] === subject;
  if (opts.undo) return undoRetraction(ctx, lookups, subject, matches, opts.dryRun ?? false, by);
  if (!opts.dryRun) {
    await ctx.store.addRetraction(subject, now);
    // /pray here stops showing it at once (other replicas: at their next sweep).
    await ctx.retractions.read(ctx.store);
    await ctx.store.audit({ at: now, action: 'retract', subject, detail: 'retraction recorded', ...by });
  }
  const actions: RetentionAction[] = [];
  for (const post of await ctx.store.listPosts({ states: ['sent'] })) {
    if (!post.requestKeys.some(matches)) continue;
    const remaining = post.requestKeys.filter((k) => !matches(k));
    actions.push(await reduce(ctx, lookups, post, remaining, 'retract', opts.dryRun ?? false));
  }
  // A whole week: who prayed is forgotten now, before the caller (a CLI command) returns.
  if (!subject.includes('/')) {
    actions.push(await forgetWeek(ctx, lookups, subject, 'week retracted: key and reactor hashes deleted; counts kept', opts.dryRun ?? false, by));
  }
  return actions;
}
