// The weekly digest to staff at `schedule.digest`, once per slot across replicas. Each staff
// report channel reads it in its own language.
import { ENGLISH_LOCALE } from '../i18n/index.js';
import { sendToStaff } from './alerts.js';
import type { CoreContext } from './context.js';
import { regionNameIn, type Locale } from './language.js';
import { weekOf } from './plan-state.js';
import { planIsCurrent } from './posting.js';
import { digestText, summarize, type TallySummary } from './tally.js';
import { addDays, mondayOf, startOfDayInstant, todayIn } from './time.js';
import type { LocalDate, Region } from './types.js';

/** What the digest says, read from the store once and then written in each language. */
interface DigestFacts {
  week: LocalDate;
  regions: Region[];
  thisWeek: TallySummary;
  lastWeek?: TallySummary;
  /** Posts of the week that failed or were skipped. */
  troubled: Array<{ date: LocalDate; where: string; state: string; error?: string }>;
  refusals: Array<{ subject: string; detail: string }>;
  nextWeekMissing?: LocalDate;
}

async function digestFacts(ctx: CoreContext, week: LocalDate): Promise<DigestFacts> {
  const state = ctx.plan();
  const lastWeek = addDays(week, -7);
  const thisTally = summarize(await ctx.store.tally({ week }), week);
  const lastTally = await ctx.store.tally({ week: lastWeek });
  const troubled = (await ctx.store.listPosts({ week, states: ['failed', 'skipped'] })).map((post) => ({
    date: post.date,
    where: `${post.platform}:${post.channelId}`,
    state: post.state,
    ...(post.lastError ? { error: post.lastError } : {}),
  }));
  const weekStart = startOfDayInstant(week, state.config.timezone);
  const refusals = (await ctx.store.listAudit(500))
    .filter((entry) => entry.action === 'refuse' && entry.at >= weekStart)
    .map((entry) => ({ subject: entry.subject, detail: entry.detail }));
  const nextWeek = addDays(week, 7);
  return {
    week,
    regions: state.config.regions,
    thisWeek: thisTally,
    ...(lastTally.length > 0 ? { lastWeek: summarize(lastTally, lastWeek) } : {}),
    troubled,
    refusals,
    ...(weekOf(state, nextWeek) ? {} : { nextWeekMissing: nextWeek }),
  };
}

function digestIn(facts: DigestFacts, locale: Locale): string {
  const m = locale.messages;
  // Error details are the platforms' own words and the audit log's, kept as recorded.
  const problems = [
    ...facts.troubled.map((post) =>
      m.digestPostProblem({
        date: locale.formatDate(post.date),
        where: post.where,
        state: post.state === 'failed' ? m.postStateFailed : post.state === 'skipped' ? m.postStateSkipped : post.state,
        ...(post.error !== undefined ? { error: post.error } : {}),
      }),
    ),
    ...facts.refusals.map((r) => m.digestRefused(r)),
  ];
  return digestText(
    {
      week: facts.week,
      regions: facts.regions.map((r) => ({ ...r, name: regionNameIn(locale, r) })),
      thisWeek: facts.thisWeek,
      ...(facts.lastWeek ? { lastWeek: facts.lastWeek } : {}),
      problems,
      ...(facts.nextWeekMissing ? { nextWeekMissing: facts.nextWeekMissing } : {}),
    },
    m,
  );
}

/** The digest of `week` in `locale` (English unless told). */
export async function buildDigest(ctx: CoreContext, week: LocalDate, locale: Locale = ENGLISH_LOCALE): Promise<string> {
  return digestIn(await digestFacts(ctx, week), locale);
}

/** Sends the digest unless another replica (or an earlier run) already did for this slot. */
export async function sendDigest(ctx: CoreContext): Promise<boolean> {
  if (!(await planIsCurrent(ctx))) return false; // a replica with an outdated plan leaves it to the others
  const now = ctx.clock.now();
  const today = todayIn(ctx.plan().config.timezone, now);
  if (!(await ctx.store.alertOnce(`digest:${today}`, now))) return false;
  const facts = await digestFacts(ctx, mondayOf(today));
  await sendToStaff(ctx, (locale) => digestIn(facts, locale));
  return true;
}
