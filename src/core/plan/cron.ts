// The `schedule.post` cron read as the plan needs it: on which dates it fires, and the one
// time of day it fires at. cron-parser does the parsing and the day matching (standard cron
// semantics: when day-of-month and day-of-week are both restricted, a day matching either
// fires; `L` and `#` work). Turning the time of day into an instant is ours (core/time.ts),
// so daylight-saving changes follow the design, not a library's choice.
import { CronExpressionParser, type CronExpression } from 'cron-parser';
import type { Config, LocalDate, PlanIssue } from '../types.js';
import { dateParts, datesFrom, localDateTimeToInstant } from '../time.js';

export interface PostCron {
  expression: string;
  hour: number;
  minute: number;
  second: number;
  /** True when the cron fires on this calendar date. */
  firesOn(date: LocalDate): boolean;
}

export type PostCronResult = { ok: true; cron: PostCron } | { ok: false; issue: PlanIssue };

function cronIssue(message: string): PlanIssue {
  return { severity: 'error', file: 'config', path: ['schedule', 'post'], message };
}

function single(values: readonly (number | string)[]): number | undefined {
  return values.length === 1 && typeof values[0] === 'number' ? values[0] : undefined;
}

const cache = new Map<string, PostCronResult>();

/**
 * Reads a post cron. Errors: unparsable, or firing more than once a day (the post cron
 * names the posting days and the single time of day of every post).
 */
export function parsePostCron(expression: string): PostCronResult {
  const cached = cache.get(expression);
  if (cached) return cached;
  const result = parsePostCronUncached(expression);
  cache.set(expression, result);
  return result;
}

function parsePostCronUncached(expression: string): PostCronResult {
  let parsed: CronExpression;
  try {
    // Read in UTC on purpose: the matcher below is only asked about calendar dates.
    parsed = CronExpressionParser.parse(expression, { tz: 'UTC' });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, issue: cronIssue(`"${expression}" is not a cron expression: ${why}`) };
  }
  const { second, minute, hour } = parsed.fields;
  const s = single(second.values);
  const m = single(minute.values);
  const h = single(hour.values);
  if (s === undefined || m === undefined || h === undefined) {
    return {
      ok: false,
      issue: cronIssue(
        `"${expression}" fires more than once a day; the post cron needs one time of day (e.g. "0 9 * * 1-5")`,
      ),
    };
  }
  const cron: PostCron = {
    expression,
    hour: h,
    minute: m,
    second: s,
    firesOn(date) {
      const { year, month, day } = dateParts(date);
      return parsed.includesDate(new Date(Date.UTC(year, month - 1, day, h, m, s)));
    },
  };
  return { ok: true, cron };
}

/**
 * The instant the post cron fires on `date` in `zone` (default: the config's), or undefined
 * when it does not fire that day (or is invalid).
 */
export function postTimeOn(config: Config, date: LocalDate, zone: string = config.timezone): Date | undefined {
  const result = parsePostCron(config.schedule.post);
  if (!result.ok || !result.cron.firesOn(date)) return undefined;
  return postTimeOfDay(config, date, zone);
}

/**
 * The post cron's time of day on `date` in `zone` (default: the config's; a channel's
 * calendar passes its own), whether or not the cron fires that day (a dated request is
 * posted at it). Undefined only when the cron is invalid.
 */
export function postTimeOfDay(config: Config, date: LocalDate, zone: string = config.timezone): Date | undefined {
  const result = parsePostCron(config.schedule.post);
  if (!result.ok) return undefined;
  const { hour, minute, second } = result.cron;
  return localDateTimeToInstant(date, hour, minute, zone, second);
}

/** The dates from `from` to `to` (both included) the post cron fires on, `skip` dates included. */
export function cronDays(config: Config, from: LocalDate, to: LocalDate): LocalDate[] {
  const result = parsePostCron(config.schedule.post);
  if (!result.ok) return [];
  return datesFrom(from, to).filter((d) => result.cron.firesOn(d));
}

/**
 * The instants a cron (e.g. `schedule.digest`) fires in `zone` from `from` (included) to `to`
 * (excluded); at most `limit` of them. Empty when the expression does not parse.
 */
export function cronTimesBetween(expression: string, zone: string, from: Date, to: Date, limit = 1000): Date[] {
  let parsed: CronExpression;
  try {
    // cron-parser starts strictly after currentDate: a millisecond earlier includes `from`.
    parsed = CronExpressionParser.parse(expression, { tz: zone, currentDate: new Date(from.getTime() - 1), endDate: to });
  } catch {
    return [];
  }
  const times: Date[] = [];
  while (times.length < limit && parsed.hasNext()) {
    const next = parsed.next().toDate();
    if (next >= to) break;
    times.push(next);
  }
  return times;
}
