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
import { parsePostCron, postTimeOfDay } from './cron.js';

export { cronDays, parsePostCron, postTimeOfDay, postTimeOn, type PostCron } from './cron.js';
export { channelPostsOf, splitIntoParts } from './channel-posts.js';
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

/** Plans one week: its posting days (Monday to Sunday) and every problem found on the way. */
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
  const cron = cronResult.cron;
  const dates = weekDates(week.week);
  const sunday = dates[6]!;
  const skip = new Set(config.skip);
  const regionIds = new Set(config.regions.map((r) => r.id));
  const regionName = (id: string) => config.regions.find((r) => r.id === id)?.name ?? id;

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

  // 2. Rotation over the posting cron days.
  const cronPostingDays = dates.filter((d) => cron.firesOn(d) && !skip.has(d));
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

  // 3. Regions with undated requests and no day join the last posting day.
  const postingDays = [...new Set([...cronPostingDays, ...dated.keys()])].sort();
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

  // 4. The days, each request resolved with its expiry.
  const expiryIssues = new Map<string, PlanIssue>();
  const days: PlanDay[] = postingDays.map((date) => {
    const rotationRegions = regionsOfDay.get(date) ?? [];
    const requests: ScheduledRequest[] = [];
    week.requests.forEach((request, i) => {
      const onThisDay =
        request.date === undefined
          ? regionIds.has(request.region) && carriedOn.get(request.region) === date
          : (dated.get(date) ?? []).includes(i);
      if (!onThisDay) return;
      const { scheduled, issue } = scheduleRequest(config, request, i, date);
      if (issue) expiryIssues.set(`${i}:${issue.message}`, issue);
      requests.push(scheduled);
    });
    return { date, postAt: postTimeOfDay(config, date)!, rotationRegions, requests, week: week.week };
  });
  issues.push(...expiryIssues.values());
  return { days, issues };
}

function rankOf(rotation: string[], region: string): number {
  const i = rotation.indexOf(region);
  return i < 0 ? rotation.length : i;
}

/** A request placed on `postDate`, with the expiry in force (explicit, or postDate + retention_days). */
export function scheduleRequest(
  config: Config,
  request: PrayerRequest,
  index: number,
  postDate: LocalDate,
): { scheduled: ScheduledRequest; issue?: PlanIssue } {
  const fallback = addDays(postDate, config.retentionDays);
  let expiresOn = fallback;
  let issue: PlanIssue | undefined;
  if (request.expires !== undefined) {
    const path = ['requests', index, 'expires'];
    if (!isLocalDate(request.expires)) {
      issue = weekIssue('error', path, `"${request.expires}" is not a date (YYYY-MM-DD)`);
    } else if (request.expires <= postDate) {
      issue = weekIssue('error', path, `expires ${request.expires} is not after the day it is posted, ${postDate}`);
    } else if (daysBetween(postDate, request.expires) > MAX_EXPIRY_DAYS) {
      issue = weekIssue(
        'error',
        path,
        `expires ${request.expires} is more than ${MAX_EXPIRY_DAYS} days after the day it is posted, ${postDate}`,
      );
    } else {
      expiresOn = request.expires;
    }
  }
  const scheduled: ScheduledRequest = {
    ...request,
    postDate,
    expiresOn,
    expiresAt: startOfDayInstant(expiresOn, config.timezone),
  };
  return issue ? { scheduled, issue } : { scheduled };
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

/** The plan of one date, if it is a posting day of a week that has a file. */
export function planDay(config: Config, weeks: WeekPlan[], date: LocalDate): PlanDay | undefined {
  return planRange(config, weeks, date, date)[0];
}
