// Field-level rules shared by the config and week schemas: dates, crons, time zones, ids.
import { CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';
import * as z from 'zod';
import { holidayCodes, isHolidayCode } from '../core/plan/holidays.js';
import { isLocalDate, isValidZone } from '../core/time.js';
import { didYouMean } from './suggest.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why `value` is not a `YYYY-MM-DD` calendar date, or undefined when it is one. */
export function dateProblem(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return `expected a date written YYYY-MM-DD (e.g. 2026-10-12), not ${JSON.stringify(value)}`;
  if (isLocalDate(value)) return undefined;
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) return `${value} is not a real date: there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${value} is not a real date: ${MONTHS[month - 1]!} ${year} has ${days} days`;
}

/** Why `expression` is not a cron node-cron can run, or undefined when it is one. */
export function cronProblem(expression: string): string | undefined {
  const text = expression.trim();
  const fields = text.split(/\s+/).filter(Boolean);
  if (!text.startsWith('@') && (fields.length < 5 || fields.length > 6)) {
    return `${JSON.stringify(expression)} has ${fields.length} field${fields.length === 1 ? '' : 's'}; a cron has 5 (minute hour day-of-month month weekday, e.g. "0 9 * * 1-5") or 6 with seconds first`;
  }
  try {
    CronExpressionParser.parse(text);
  } catch (error) {
    return `${JSON.stringify(expression)} is not a valid cron: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!cron.validate(text)) return `${JSON.stringify(expression)} is not a cron node-cron can run`;
  return undefined;
}

let zoneNames: string[] | undefined;
function knownZones(): string[] {
  zoneNames ??= Intl.supportedValuesOf('timeZone');
  return zoneNames;
}

/** Why `zone` is not an IANA time zone, or undefined when it is one. */
export function zoneProblem(zone: string): string | undefined {
  if (isValidZone(zone)) return undefined;
  return `unknown time zone ${JSON.stringify(zone)}${didYouMean(zone, knownZones())}; use an IANA name such as "America/New_York"`;
}

/** Why `code` is not a place date-holidays knows, or undefined when it is one. */
export function holidayProblem(code: string): string | undefined {
  if (isHolidayCode(code)) return undefined;
  // A three-letter country code (AUS, DEU, USA) usually starts with its two-letter one.
  const [country, ...rest] = code.toUpperCase().split('-');
  const alpha2 = country !== undefined && /^[A-Z]{3}$/.test(country) ? [country.slice(0, 2), ...rest].join('-') : undefined;
  const hint = alpha2 !== undefined && isHolidayCode(alpha2) ? ` (did you mean "${alpha2}"?)` : didYouMean(code, holidayCodes());
  return `unknown holiday place ${JSON.stringify(code)}${hint}; use an ISO 3166 code such as "US", "AU" or "DE-BY"`;
}

function checked(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

/** A real calendar date, `YYYY-MM-DD` (YAML core schema keeps it as text). */
export const localDate = checked(dateProblem);
export const cronExpression = checked(cronProblem);
export const timeZone = checked(zoneProblem);
export const holidayCode = checked(holidayProblem);

/** Text that is not empty once trimmed. (`{field}` in a message becomes the field's name.) */
export const nonEmptyText = z.string().superRefine((value, ctx) => {
  if (value.trim() === '') ctx.addIssue({ code: 'custom', message: '"{field}" is empty' });
});

/** A lower-case slug: `latin-america`. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slug = z.string().superRefine((value, ctx) => {
  if (!SLUG.test(value)) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a valid id: use lower-case letters, digits and single hyphens (e.g. "latin-america")` });
  }
});
