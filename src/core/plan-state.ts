// The loaded plan in force: config + week files, planned once per load so the use cases
// look days and requests up instead of re-planning on every event.
import { createHash } from 'node:crypto';
import { planWeek } from './plan/plan.js';
import type { Config, LocalDate, PlanDay, ScheduledRequest, WeekPlan } from './types.js';

export interface PlanState {
  config: Config;
  weeks: WeekPlan[];
  /** Every planned day of every week, sorted by date. */
  days: PlanDay[];
  /** Every scheduled request by key (`week/id`). */
  requests: Map<string, ScheduledRequest>;
  /** Content hash: replicas compare it before posting. */
  hash: string;
  /** When the plan's files were last modified: the newest plan wins between replicas. */
  version: Date;
}

/** A stable hash of what the bot will do: config and weeks without their file paths. */
export function planHash(config: Config, weeks: WeekPlan[]): string {
  const strip = <T extends { source: string }>(value: T) => ({ ...value, source: undefined });
  const canonical = JSON.stringify({ config: strip(config), weeks: weeks.map(strip) });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function buildPlanState(config: Config, weeks: WeekPlan[], version: Date = new Date(0)): PlanState {
  const days: PlanDay[] = [];
  const requests = new Map<string, ScheduledRequest>();
  for (const week of weeks) {
    for (const day of planWeek(config, week).days) {
      days.push(day);
      for (const request of day.requests) requests.set(request.key, request);
    }
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { config, weeks, days, requests, hash: planHash(config, weeks), version };
}

export function weekOf(state: PlanState, monday: LocalDate): WeekPlan | undefined {
  return state.weeks.find((w) => w.week === monday);
}

export function dayOf(state: PlanState, date: LocalDate): PlanDay | undefined {
  return state.days.find((d) => d.date === date);
}
