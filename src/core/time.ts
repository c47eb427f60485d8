// Calendar dates and instants in the organisation's time zone.
//
// A `LocalDate` (`YYYY-MM-DD`) is a plain calendar date: adding days or finding a Monday
// needs no zone. Only turning a date and a time of day into an instant does, and there the
// daylight-saving rules of the design apply:
//   - a time inside a spring-forward gap moves forward by the gap (02:30 → 03:30);
//   - a repeated time (fall-back) means its first occurrence.
// Luxon already moves gap times forward, but it resolves a repeated time to the *second*
// occurrence (checked in time.test.ts), so the offsets are resolved here explicitly.
import { DateTime, IANAZone } from 'luxon';
import type { LocalDate } from './types.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export interface DateParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isLocalDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(year, month - 1, day));
  return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

export function dateParts(date: LocalDate): DateParts {
  if (!isLocalDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function fromUtcMs(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcMs(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMs(utcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: LocalDate): number {
  const d = new Date(utcMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function weekdayName(date: LocalDate): string {
  return WEEKDAY_NAMES[weekday(date) - 1]!;
}

/** The Monday of the (Monday-to-Sunday) week holding `date`. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - weekday(date));
}

/** The seven dates of the week starting on `monday`. */
export function weekDates(monday: LocalDate): LocalDate[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Every date from `from` to `to`, both included (empty when `to` is earlier). */
export function datesFrom(from: LocalDate, to: LocalDate): LocalDate[] {
  const n = daysBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i));
}

/** "Tuesday, October 13, 2026". */
export function formatLongDate(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${weekdayName(date)}, ${MONTH_NAMES[month - 1]!} ${day}, ${year}`;
}

/** "Tue Oct 13". */
export function formatShortDate(date: LocalDate): string {
  const { month, day } = dateParts(date);
  return `${weekdayName(date).slice(0, 3)} ${MONTH_NAMES[month - 1]!.slice(0, 3)} ${day}`;
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

// Checking a zone's validity builds an Intl formatter each time: on the /pray hot path that
// was a seventh of the CPU, so each zone is checked once.
const zones = new Map<string, IANAZone>();

function zoneOf(zone: string): IANAZone {
  let found = zones.get(zone);
  if (!found) {
    if (!IANAZone.isValidZone(zone)) throw new RangeError(`unknown time zone: ${zone}`);
    found = IANAZone.create(zone);
    zones.set(zone, found);
  }
  return found;
}

/** The calendar date of `instant` in `zone`. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  const dt = DateTime.fromJSDate(instant, { zone: zoneOf(zone) });
  return dt.toISODate()!;
}

// Reading a date in a zone costs luxon an Intl formatting call: each /pray asks for today, so
// each zone remembers the instants its current date runs between and answers from them.
const todays = new Map<string, { date: LocalDate; from: number; until: number }>();

/** Today's date in `zone` at `now` (from the injected clock). */
export function todayIn(zone: string, now: Date): LocalDate {
  const t = now.getTime();
  const known = todays.get(zone);
  if (known && t >= known.from && t < known.until) return known.date;
  const date = localDateOf(now, zone);
  const from = startOfDayInstant(date, zone).getTime();
  const until = startOfDayInstant(addDays(date, 1), zone).getTime();
  // Only a day with one UTC offset from start to end is remembered: on a day the clocks
  // change (at midnight, in a few zones) the date is read afresh each time.
  const z = zoneOf(zone);
  if (from <= t && t < until && z.offset(from) === z.offset(until - 1)) todays.set(zone, { date, from, until });
  return date;
}

/**
 * The instant at which the clocks in `zone` read `date hour:minute:second`.
 * A time that does not exist (spring-forward gap) moves forward by the gap; a time that
 * happens twice (fall-back) means its first occurrence.
 */
export function localDateTimeToInstant(date: LocalDate, hour: number, minute: number, zone: string, second = 0): Date {
  const z = zoneOf(zone);
  const { year, month, day } = dateParts(date);
  // The wall-clock reading written as if it were UTC.
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Offsets in force around that reading: a day either side covers any transition.
  const offsets = new Set([z.offset(wall - DAY_MS), z.offset(wall), z.offset(wall + DAY_MS)]);
  const valid: number[] = [];
  for (const offset of offsets) {
    const t = wall - offset * MINUTE_MS;
    if (z.offset(t) === offset) valid.push(t);
  }
  if (valid.length > 0) return new Date(Math.min(...valid)); // the first occurrence
  // In a gap: read the wall time with the offset in force before the change, which lands
  // the same distance past the change as the wall time was past its start.
  return new Date(wall - z.offset(wall - DAY_MS) * MINUTE_MS);
}

/** 00:00 of `date` in `zone` (or the first instant of the day when midnight is skipped). */
export function startOfDayInstant(date: LocalDate, zone: string): Date {
  return localDateTimeToInstant(date, 0, 0, zone);
}

/** An instant as ISO 8601 with the zone's offset, e.g. `2026-10-13T09:00:00-04:00`. */
export function formatInstantIn(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneOf(zone) }).toISO({ suppressMilliseconds: true })!;
}

/** "09:00 EDT" — the local time of day with the zone's abbreviation. */
export function formatTimeIn(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneOf(zone) }).setLocale('en-US').toFormat('HH:mm ZZZZ');
}
