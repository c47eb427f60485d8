// The plan: which requests are posted on which day of a week, as pure functions of the
// config and the week file. DESIGN "Behaviour: Posting days":
//   - posting days = the days `schedule.post` fires, minus `skip`, plus every date named by
//     a request's `date` (posted at the cron's time of day);
//   - the k-th posting cron day of the week (k from 0, skip dates not counted) belongs to
//     `rotation[k mod n]`, and carries that region's undated requests. Every request is
//     posted once (DESIGN: "the day it is posted", one expiry): with more posting days than
//     regions the rotation wraps, and a region's second day carries nothing of its own
//     (dated requests can fill it);
//   - regions left without a day (fewer posting days than regions, e.g. a holiday) and
//     regions missing from the rotation join the week's last posting day, with a warning;
//   - a dated request is posted on its date only (plus that day's rotation region, if any).
// Each calendar (a zone, skip dates and public holidays: see calendar.ts) is planned on its
// own, in its own local dates, so a channel in Sydney gets its posting days and rotation from
// Sydney's weekdays and holidays. A dated request whose date is a skip date or holiday of one
// calendar only moves there to the next posting day of the week (else the last). A request
// has one expiry in every calendar: the latest date any channel posts it + retention_days.
// Every posting day is returned, even one with nothing to post (its rotation region's
// request may be dated elsewhere): `channelPostsOf` yields no post for it, which is not a gap.
import type { Config, LocalDate, PlanDay, PlanIssue, PrayerRequest, ScheduledRequest, WeekPlan } from '../types.js';
import {
  addDays,
  daysBetween,
  formatLongDate,
  isLocalDate,
  isValidZone,
  mondayOf,
  startOfDayInstant,
  weekday,
  weekDates,
} from '../time.js';
import { calendarsOf, channelsOf, closedOn, describeCalendar, describeClosed, orgCalendar, type Calendar } from './calendar.js';
import { channelMayCarry } from './channel-posts.js';
import { parsePostCron, postTimeOfDay, type PostCron } from './cron.js';

export { cronDays, parsePostCron, postTimeOfDay, postTimeOn, type PostCron } from './cron.js';
export { channelPostsOf, splitIntoParts } from './channel-posts.js';
export { calendarOf, calendarsOf, orgCalendar, type Calendar } from './calendar.js';
export { MESSAGE_LIMITS } from './limits.js';

/** An explicit `expires` may be at most this many days after the day the request is posted. */
export const MAX_EXPIRY_DAYS = 31;

export interface WeekPlanResult {
  days: PlanDay[];
  issues: PlanIssue[];
}

function weekIssue(severity: PlanIssue['severity'], path: PlanIssue['path'], message: string): PlanIssue {
  return { severity, file: 'week', path, message };
}

/** Plans one week: its posting days (Monday to Sunday) in every calendar, and every problem found on the way. */
export function planWeek(config: Config, week: WeekPlan): WeekPlanResult {
  const issues: PlanIssue[] = [];
  const cronResult = parsePostCron(config.schedule.post);
  if (!cronResult.ok) return { days: [], issues: [cronResult.issue] };
  if (!isValidZone(config.timezone)) {
    return {
      days: [],
      issues: [{ severity: 'error', file: 'config', path: ['timezone'], message: `unknown time zone "${config.timezone}"` }],
    };
  }
  if (!isLocalDate(week.week) || weekday(week.week) !== 1) {
    return { days: [], issues: [weekIssue('error', ['week'], `week ${week.week} is not a Monday`)] };
  }
  const sunday = addDays(week.week, 6);
  const skip = new Set(config.skip);
  const regionIds = new Set(config.regions.map((r) => r.id));

  // 1. Requests: dated ones by date, undated ones by region; broken ones are left out.
  const dated = new Map<LocalDate, number[]>();
  const undatedByRegion = new Map<string, number[]>();
  week.requests.forEach((request, i) => {
    if (!regionIds.has(request.region)) {
      issues.push(weekIssue('error', ['requests', i, 'region'], `unknown region "${request.region}"`));
      return;
    }
    if (request.date !== undefined) {
      const date = request.date;
      if (!isLocalDate(date)) {
        issues.push(weekIssue('error', ['requests', i, 'date'], `"${date}" is not a date (YYYY-MM-DD)`));
      } else if (date < week.week || date > sunday) {
        issues.push(
          weekIssue('error', ['requests', i, 'date'], `${date} is outside the week ${week.week} to ${sunday}`),
        );
      } else if (skip.has(date)) {
        issues.push(
          weekIssue('error', ['requests', i, 'date'], `${date} is a skip date in the config: nothing is posted that day`),
        );
      } else {
        dated.set(date, [...(dated.get(date) ?? []), i]);
      }
      return;
    }
    undatedByRegion.set(request.region, [...(undatedByRegion.get(request.region) ?? []), i]);
  });

  // 2. Each calendar's days. The organisation's comes first; another calendar's findings
  // name its channels, and are left out when the organisation's already say the same.
  const placed: PlacedWeek[] = [];
  const orgMessages = new Set<string>();
  calendarsOf(config).forEach((calendar, n) => {
    if (!isValidZone(calendar.timezone)) {
      const at = config.channels.findIndex((c) => c.timezone === calendar.timezone);
      issues.push({ severity: 'error', file: 'config', path: ['channels', Math.max(0, at), 'timezone'], message: `unknown time zone "${calendar.timezone}"` });
      return;
    }
    const result = placeWeek(config, cronResult.cron, calendar, week, dated, undatedByRegion);
    for (const issue of result.issues) {
      const said = `${issue.path.join('.')}:${issue.message}`;
      if (n === 0) {
        orgMessages.add(said);
        issues.push(issue);
      } else if (!orgMessages.has(said)) {
        issues.push({ ...issue, message: `for ${describeCalendar(config, calendar)}: ${issue.message}` });
      }
    }
    placed.push(result);
  });

  // 3. One expiry per request, counted from the latest date any channel posts it.
  const expiries = new Map<number, { expiresOn: LocalDate; expiresAt: Date }>();
  const expiryIssues = new Map<string, PlanIssue>();
  week.requests.forEach((request, i) => {
    const carriers = placed.filter((p) => p.postDateOf.has(i) && channelsOf(config, p.calendar).some((c) => channelMayCarry(c, request)));
    const dates = (carriers.length > 0 ? carriers : placed).flatMap((p) => p.postDateOf.get(i) ?? []).sort();
    if (dates.length === 0) return;
    const { expiresOn, issue } = expiryOf(config, request, i, dates[0]!, dates.at(-1)!);
    if (issue) expiryIssues.set(`${i}:${issue.message}`, issue);
    expiries.set(i, { expiresOn, expiresAt: startOfDayInstant(expiresOn, config.timezone) });
  });
  issues.push(...expiryIssues.values());

  // 4. The days, each request with its expiry.
  const days: PlanDay[] = placed.flatMap(({ calendar, days: placedDays }) =>
    placedDays.map(({ date, rotationRegions, requests }) => ({
      date,
      calendar: calendar.key,
      timezone: calendar.timezone,
      postAt: postTimeOfDay(config, date, calendar.timezone)!,
      rotationRegions,
      requests: requests.map((i): ScheduledRequest => ({ ...week.requests[i]!, postDate: date, ...expiries.get(i)! })),
      week: week.week,
    })),
  );
  // By date, then the organisation's calendar before the others (their order in the config).
  const order = new Map(placed.map((p, n) => [p.calendar.key, n]));
  days.sort((a, b) => a.date.localeCompare(b.date) || order.get(a.calendar)! - order.get(b.calendar)!);
  return { days, issues };
}

interface PlacedWeek {
  calendar: Calendar;
  days: Array<{ date: LocalDate; rotationRegions: string[]; requests: number[] }>;
  /** Request index → the date it is posted in this calendar. */
  postDateOf: Map<number, LocalDate>;
  issues: PlanIssue[];
}

/**
 * Places a week's requests on one calendar's posting days: the rotation over its cron days
 * that are not skipped or holidays; dated requests on their dates, or, when the date is a
 * skip date or holiday of this calendar only, on its next posting day of the week (else its
 * last); regions left without a day on the last posting day.
 */
function placeWeek(
  config: Config,
  cron: PostCron,
  calendar: Calendar,
  week: WeekPlan,
  dated: ReadonlyMap<LocalDate, number[]>,
  undatedByRegion: ReadonlyMap<string, number[]>,
): PlacedWeek {
  const issues: PlanIssue[] = [];
  const regionName = (id: string) => config.regions.find((r) => r.id === id)?.name ?? id;
  const closed = new Set(weekDates(week.week).filter((d) => closedOn(config, calendar, d) !== undefined));

  // Rotation over the posting cron days.
  const cronPostingDays = weekDates(week.week).filter((d) => cron.firesOn(d) && !closed.has(d));
  // `regionsOfDay`: whose day it is; `carriedOn`: the one day each region's undated requests go out.
  const regionsOfDay = new Map<LocalDate, string[]>();
  const carriedOn = new Map<string, LocalDate>();
  const rotation = config.rotation;
  cronPostingDays.forEach((date, k) => {
    if (rotation.length === 0) return;
    const region = rotation[k % rotation.length]!;
    regionsOfDay.set(date, [region]);
    if (!carriedOn.has(region)) carriedOn.set(region, date);
  });

  // Dated requests: on their date, or moved off this calendar's own closed dates.
  const postDateOf = new Map<number, LocalDate>();
  const openDated = [...dated.keys()].filter((d) => !closed.has(d));
  const postingDays = [...new Set([...cronPostingDays, ...openDated])].sort();
  for (const [date, indices] of dated) {
    if (!closed.has(date)) {
      for (const i of indices) postDateOf.set(i, date);
      continue;
    }
    const target = postingDays.find((d) => d > date) ?? postingDays.filter((d) => d < date).at(-1);
    for (const i of indices) {
      if (target === undefined) {
        const why = describeClosed(closedOn(config, calendar, date)!);
        issues.push(weekIssue('warning', ['requests', i, 'date'], `${date} is ${why} and the week has no other posting day: this request is not posted`));
      } else {
        postDateOf.set(i, target);
      }
    }
  }

  // Regions with undated requests and no day join the last posting day.
  const lastDay = postingDays.at(-1);
  const homeless = [...undatedByRegion.keys()].filter((region) => !carriedOn.has(region));
  // Rotation order first, then regions that are not in the rotation at all.
  homeless.sort((a, b) => rankOf(rotation, a) - rankOf(rotation, b));
  for (const region of homeless) {
    const first = undatedByRegion.get(region)![0]!;
    const why = rotation.includes(region)
      ? `${regionName(region)} has no posting day this week (${cronPostingDays.length} posting days for ${rotation.length} regions in the rotation)`
      : `${regionName(region)} is not in the config's rotation`;
    if (lastDay === undefined) {
      issues.push(weekIssue('warning', ['requests', first, 'region'], `${why}, and the week has no posting day: its requests are not posted`));
      continue;
    }
    issues.push(
      weekIssue('warning', ['requests', first, 'region'], `${why}: its requests join the last posting day, ${formatLongDate(lastDay)}`),
    );
    regionsOfDay.set(lastDay, [...(regionsOfDay.get(lastDay) ?? []), region]);
    carriedOn.set(region, lastDay);
  }
  for (const [region, indices] of undatedByRegion) {
    const date = carriedOn.get(region);
    if (date !== undefined) for (const i of indices) postDateOf.set(i, date);
  }

  // Requests keep the week file's order within a day.
  const days = postingDays.map((date) => ({
    date,
    rotationRegions: regionsOfDay.get(date) ?? [],
    requests: [...postDateOf].filter(([, d]) => d === date).map(([i]) => i).sort((a, b) => a - b),
  }));
  return { calendar, days, postDateOf, issues };
}

function rankOf(rotation: string[], region: string): number {
  const i = rotation.indexOf(region);
  return i < 0 ? rotation.length : i;
}

/**
 * The expiry in force for a request posted from `first` to `last` (its earliest and latest
 * post dates across calendars): explicit, or `last` + retention_days. An explicit expiry must
 * come after every post, and at most MAX_EXPIRY_DAYS after the first.
 */
function expiryOf(
  config: Config,
  request: PrayerRequest,
  index: number,
  first: LocalDate,
  last: LocalDate,
): { expiresOn: LocalDate; issue?: PlanIssue } {
  const fallback = addDays(last, config.retentionDays);
  if (request.expires === undefined) return { expiresOn: fallback };
  const path = ['requests', index, 'expires'];
  if (!isLocalDate(request.expires)) {
    return { expiresOn: fallback, issue: weekIssue('error', path, `"${request.expires}" is not a date (YYYY-MM-DD)`) };
  }
  if (request.expires <= last) {
    return { expiresOn: fallback, issue: weekIssue('error', path, `expires ${request.expires} is not after the day it is posted, ${last}`) };
  }
  if (daysBetween(first, request.expires) > MAX_EXPIRY_DAYS) {
    return {
      expiresOn: fallback,
      issue: weekIssue('error', path, `expires ${request.expires} is more than ${MAX_EXPIRY_DAYS} days after the day it is posted, ${first}`),
    };
  }
  return { expiresOn: request.expires };
}

/**
 * Every posting day from `from` to `to` (both included) over several weeks. A week without
 * a file has no days. Issues are dropped here: `check` (and `planWeek`) report them.
 */
export function planRange(config: Config, weeks: WeekPlan[], from: LocalDate, to: LocalDate): PlanDay[] {
  const byMonday = new Map<LocalDate, WeekPlan>();
  for (const w of weeks) if (!byMonday.has(w.week)) byMonday.set(w.week, w);
  const days: PlanDay[] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
    const week = byMonday.get(monday);
    if (!week) continue;
    for (const day of planWeek(config, week).days) if (day.date >= from && day.date <= to) days.push(day);
  }
  return days;
}

/** The plan of one date in the organisation's calendar, if it is a posting day of a week that has a file. */
export function planDay(config: Config, weeks: WeekPlan[], date: LocalDate): PlanDay | undefined {
  const org = orgCalendar(config).key;
  return planRange(config, weeks, date, date).find((d) => d.calendar === org);
}
