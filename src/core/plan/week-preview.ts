// What each day of a week holds, for `prayerbot preview` (text and JSON) and the coordinator
// page alike — one implementation, so the page never shows a different week than the CLI:
// per date, every channel's own day (its calendar's), its parts as they will be sent, or why
// it has none (not a posting day, a skip date, a public holiday; a dated request moved
// elsewhere), and notes (a dated request moved onto it, a post after the week's digest); and
// what a channel reads in the original for want of a translation. Pure: config, week and
// planned days in.
import { channelLocale, isUntranslated } from '../language.js';
import { calendarOf, closedOn, describeClosed, orgCalendar, type Calendar } from './calendar.js';
import { channelPostsOf, splitIntoParts } from './channel-posts.js';
import { cronTimesBetween } from './cron.js';
import { MESSAGE_LIMITS } from './limits.js';
import { addDays, formatLongDate, formatShortDate, formatTimeIn, localDateOf, startOfDayInstant, weekDates } from '../time.js';
import type { ChannelConfig, Config, LocalDate, PlanDay, PostPart, WeekPlan } from '../types.js';

export interface ChannelDay {
  channel: ChannelConfig;
  calendar: Calendar;
  /** The channel's own day of this date, when it is one of its posting days. */
  plan?: PlanDay;
  parts: PostPart[];
  /** Why the channel gets nothing, when it gets nothing. */
  nothing?: string;
  /** Per part: moved dated requests, a post after the week's digest. */
  notes: string[][];
}

export interface DayReport {
  date: LocalDate;
  /** Set for posting days (of the calendar the header follows). */
  plan?: PlanDay;
  skipped: boolean;
  channels: ChannelDay[];
  /** Why nothing is posted, for humans. */
  nothing?: string;
  /** The calendar the day's header follows. */
  calendar: Calendar;
}

/**
 * `config` is the whole config (it decides the calendars); `shown` has only the channels
 * asked for.
 */
export function previewWeek(config: Config, shown: Config, week: WeekPlan, days: PlanDay[]): DayReport[] {
  const org = orgCalendar(config);
  const calendars = shown.channels.map((channel) => calendarOf(config, channel));
  const primary = calendars.length === 0 || calendars.some((c) => c.key === org.key) ? org : calendars[0]!;
  const digestAt = lastDigestOfWeek(config, week.week);
  return weekDates(week.week).map((date) => {
    const skipped = config.skip.includes(date);
    const channels = shown.channels.map((channel, n) => channelDay(config, week, days, date, channel, calendars[n]!, digestAt));
    const plan = days.find((d) => d.date === date && d.calendar === primary.key);
    let nothing: string | undefined;
    if (!plan) nothing = closedWhy(config, week, days, primary, date);
    else if (plan.requests.length === 0) nothing = whyEmpty(config, week, plan, days.filter((d) => d.calendar === primary.key));
    else if (channels.every((c) => c.parts.length === 0)) nothing = "no channel's audience includes the day's requests";
    const report: DayReport = { date, skipped, channels, calendar: primary };
    if (plan) report.plan = plan;
    if (nothing) report.nothing = nothing;
    return report;
  });
}

function channelDay(
  config: Config,
  week: WeekPlan,
  days: PlanDay[],
  date: LocalDate,
  channel: ChannelConfig,
  calendar: Calendar,
  digestAt: Date | undefined,
): ChannelDay {
  const plan = days.find((d) => d.date === date && d.calendar === calendar.key);
  if (!plan) return { channel, calendar, parts: [], nothing: closedWhy(config, week, days, calendar, date), notes: [] };
  const post = channelPostsOf({ ...config, channels: [channel] }, week, plan)[0];
  const parts = post ? splitIntoParts(post, MESSAGE_LIMITS[channel.platform]) : [];
  const notes = parts.map((part) => partNotes(config, calendar, part, digestAt));
  const found: ChannelDay = { channel, calendar, plan, parts, notes };
  if (parts.length > 0) return found;
  found.nothing = plan.requests.length === 0
    ? whyEmpty(config, week, plan, days.filter((d) => d.calendar === calendar.key))
    : "none of the day's requests has audience: everyone";
  return found;
}

/** Why a date of `calendar` is not a posting day, and where its dated requests went instead. */
function closedWhy(config: Config, week: WeekPlan, days: PlanDay[], calendar: Calendar, date: LocalDate): string {
  const closed = closedOn(config, calendar, date);
  if (!closed) return 'not a posting day';
  const moved = days
    .filter((d) => d.calendar === calendar.key)
    .flatMap((d) => d.requests.filter((r) => r.date === date).map((r) => `${r.key} moves to ${shortDate(d.date)}`));
  return [describeClosed(closed), ...moved].join('; ');
}

function shortDate(date: LocalDate): string {
  return formatLongDate(date).replace(/, \d{4}$/, '');
}

/** "09:00 GMT+11 = Sun Oct 11 22:00 UTC": a post time in a channel's zone and in UTC. */
export function localAndUtc(at: Date, zone: string): string {
  return `${formatTimeIn(at, zone)} = ${formatShortDate(localDateOf(at, 'UTC'))} ${formatTimeIn(at, 'UTC')}`;
}

/** Notes on one part: dated requests moved onto it, and a post that goes out after the week's digest. */
function partNotes(config: Config, calendar: Calendar, part: PostPart, digestAt: Date | undefined): string[] {
  const notes: string[] = [];
  for (const r of part.sections.flatMap((s) => s.requests)) {
    if (r.date === undefined || r.date === part.date) continue;
    const why = closedOn(config, calendar, r.date);
    notes.push(`${r.key} is dated ${shortDate(r.date)}, ${why ? describeClosed(why) : 'not a posting day'} here: moved to this day`);
  }
  if (digestAt && part.postAt > digestAt) {
    const zone = config.timezone;
    notes.push(`goes out after the week's digest (${formatShortDate(localDateOf(digestAt, zone))} ${formatTimeIn(digestAt, zone)}), which does not count it`);
  }
  return notes;
}

/** The last time the digest fires in the organisation's week of `monday`, if it does. */
function lastDigestOfWeek(config: Config, monday: LocalDate): Date | undefined {
  const from = startOfDayInstant(monday, config.timezone);
  const to = startOfDayInstant(addDays(monday, 7), config.timezone);
  return cronTimesBetween(config.schedule.digest, config.timezone, from, to).at(-1);
}

/** Why a posting day holds no request: its rotation region's requests are elsewhere, or there are none. */
function whyEmpty(config: Config, week: WeekPlan, plan: PlanDay, days: PlanDay[]): string {
  const reasons = plan.rotationRegions.map((id) => {
    const name = config.regions.find((r) => r.id === id)?.name ?? id;
    const own = week.requests.filter((r) => r.region === id);
    if (own.length === 0) return `rotation day of ${name}, which has no request this week`;
    const elsewhere = days
      .filter((d) => d.date !== plan.date && d.requests.some((r) => r.region === id))
      .map((d) => shortDate(d.date));
    const what = own.length === 1 ? 'request is' : 'requests are';
    return `rotation day of ${name}, whose ${what} posted on ${elsewhere.join(' and ') || 'no day'}`;
  });
  return reasons.join('; ') || 'no request for this day';
}

/**
 * What a channel shows in the original language for want of a translation: "verse" and
 * request keys (empty when its language is the original's or everything is translated).
 */
export function untranslated(config: Config, part: PostPart): string[] {
  const locale = channelLocale(config, part.channel);
  return [
    ...(isUntranslated(locale, part.verse.translations) ? ['verse'] : []),
    ...part.sections.flatMap((s) => s.requests.filter((r) => isUntranslated(locale, r.translations)).map((r) => r.key)),
  ];
}

/** "untranslated: es — verse, 2027-01-25/rally (shown in the original)", or nothing when all is translated. */
export function untranslatedNote(config: Config, part: PostPart): string | undefined {
  const missing = untranslated(config, part);
  if (missing.length === 0) return undefined;
  return `untranslated: ${channelLocale(config, part.channel).tag} — ${missing.join(', ')} (shown in the original)`;
}
