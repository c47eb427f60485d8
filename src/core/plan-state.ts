// The loaded plan in force: config + week files, planned once per load so the use cases
// look days and requests up instead of re-planning on every event. Each calendar (see
// plan/calendar.ts) is planned once here; channels that share one share its days.
import { createHash } from 'node:crypto';
import { calendarOf, calendarsOf, type Calendar } from './plan/calendar.js';
import { planWeek } from './plan/plan.js';
import type { ChannelConfig, Config, LocalDate, PlanDay, ScheduledRequest, WeekPlan } from './types.js';

/** One calendar's share of the plan. */
export interface CalendarPlan {
  calendar: Calendar;
  /** Its days of every week, sorted by date. */
  days: PlanDay[];
  /** Its scheduled requests by key (`postDate` is a date of its zone). */
  requests: Map<string, ScheduledRequest>;
}

export interface PlanState {
  config: Config;
  weeks: WeekPlan[];
  /** Every planned day of every week and every calendar, sorted by date (the organisation's calendar first on a date). */
  days: PlanDay[];
  /** Every scheduled request by key (`week/id`); the expiry is the same in every calendar. */
  requests: Map<string, ScheduledRequest>;
  /** The organisation's calendar first, then each channel's that differs. */
  calendars: CalendarPlan[];
  /** Content hash: replicas compare it before posting. */
  hash: string;
  /** When the plan's files were last modified: the newest plan wins between replicas. */
  version: Date;
}

/**
 * A stable hash of what the bot will do: config and weeks without their file paths, and —
 * when given — the resolved calendars (every calendar's posting dates and instants), so
 * replicas whose time-zone or holiday data differ refuse to post rather than disagree.
 */
export function planHash(config: Config, weeks: WeekPlan[], calendars: CalendarPlan[] = []): string {
  const strip = <T extends { source: string }>(value: T) => ({ ...value, source: undefined });
  const resolved = calendars.map((c) => ({
    calendar: c.calendar.key,
    days: c.days.map((d) => [d.date, d.postAt.toISOString(), d.requests.map((r) => r.key)]),
  }));
  const canonical = JSON.stringify({ config: strip(config), weeks: weeks.map(strip), calendars: resolved });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function buildPlanState(config: Config, weeks: WeekPlan[], version: Date = new Date(0)): PlanState {
  const days: PlanDay[] = [];
  const requests = new Map<string, ScheduledRequest>();
  const calendars = new Map<string, CalendarPlan>(calendarsOf(config).map((calendar) => [calendar.key, { calendar, days: [], requests: new Map() }]));
  for (const week of weeks) {
    for (const day of planWeek(config, week).days) {
      days.push(day);
      const plan = calendars.get(day.calendar);
      plan?.days.push(day);
      for (const request of day.requests) {
        plan?.requests.set(request.key, request);
        // The organisation's calendar comes first on a date; any calendar's copy has the same expiry.
        if (!requests.has(request.key)) requests.set(request.key, request);
      }
    }
  }
  const order = new Map([...calendars.keys()].map((key, n) => [key, n]));
  days.sort((a, b) => a.date.localeCompare(b.date) || order.get(a.calendar)! - order.get(b.calendar)!);
  const plans = [...calendars.values()];
  for (const plan of plans) plan.days.sort((a, b) => a.date.localeCompare(b.date));
  return { config, weeks, days, requests, calendars: plans, hash: planHash(config, weeks, plans), version };
}

export function weekOf(state: PlanState, monday: LocalDate): WeekPlan | undefined {
  return state.weeks.find((w) => w.week === monday);
}

/** The calendar `channel` follows; an unlisted channel, a DM or the console follows the organisation's. */
export function calendarPlanOf(state: PlanState, channel?: ChannelConfig): CalendarPlan {
  const org = state.calendars[0]!;
  if (!channel) return org;
  const key = calendarOf(state.config, channel).key;
  return state.calendars.find((c) => c.calendar.key === key) ?? org;
}

/** The day of `date` in one calendar (default: the organisation's). */
export function dayOf(state: PlanState, date: LocalDate, calendar: CalendarPlan = state.calendars[0]!): PlanDay | undefined {
  return calendar.days.find((d) => d.date === date);
}

/** Every calendar's day on the local date `date` (a channel-local date: `post --date`). */
export function daysOn(state: PlanState, date: LocalDate): PlanDay[] {
  return state.days.filter((d) => d.date === date);
}
