// The weekly digest to staff at `schedule.digest`, once per slot across replicas.
import { sendToStaff } from './alerts.js';
import type { CoreContext } from './context.js';
import { weekOf } from './plan-state.js';
import { planIsCurrent } from './posting.js';
import { digestText, summarize } from './tally.js';
import { addDays, formatLongDate, mondayOf, startOfDayInstant, todayIn } from './time.js';
import type { LocalDate } from './types.js';

export async function buildDigest(ctx: CoreContext, week: LocalDate): Promise<string> {
  const state = ctx.plan();
  const lastWeek = addDays(week, -7);
  const thisTally = summarize(await ctx.store.tally({ week }), week);
  const lastTally = await ctx.store.tally({ week: lastWeek });
  const problems: string[] = [];
  for (const post of await ctx.store.listPosts({ week, states: ['failed', 'skipped'] })) {
    problems.push(`${formatLongDate(post.date)} to ${post.platform}:${post.channelId}: ${post.state}${post.lastError ? ` (${post.lastError})` : ''}`);
  }
  const weekStart = startOfDayInstant(week, state.config.timezone);
  for (const entry of await ctx.store.listAudit(500)) {
    if (entry.action === 'refuse' && entry.at >= weekStart) problems.push(`refused ${entry.subject}: ${entry.detail}`);
  }
  const nextWeek = addDays(week, 7);
  return digestText({
    week,
    regions: state.config.regions,
    thisWeek: thisTally,
    ...(lastTally.length > 0 ? { lastWeek: summarize(lastTally, lastWeek) } : {}),
    problems,
    ...(weekOf(state, nextWeek) ? {} : { nextWeekMissing: nextWeek }),
  });
}

/** Sends the digest unless another replica (or an earlier run) already did for this slot. */
export async function sendDigest(ctx: CoreContext): Promise<boolean> {
  if (!(await planIsCurrent(ctx))) return false; // a replica with an outdated plan leaves it to the others
  const now = ctx.clock.now();
  const today = todayIn(ctx.plan().config.timezone, now);
  if (!(await ctx.store.alertOnce(`digest:${today}`, now))) return false;
  await sendToStaff(ctx, await buildDigest(ctx, mondayOf(today)));
  return true;
}
