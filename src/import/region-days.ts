// The day(s) a region's undated requests are posted in a week, asked of the plan itself so
// the importer and the poster never disagree (rotation over the post cron's days minus
// `skip`; a region left without a day joins the week's last posting day).
import { planWeek } from '../core/plan/plan.js';
import type { Config, LocalDate, PrayerRequest } from '../core/types.js';

/** The day(s) each region's undated requests go out in the week starting on `monday`. */
export function regionDays(config: Config, monday: LocalDate): Map<string, LocalDate[]> {
  // One undated stand-in request per region: the plan puts each on its region's day(s).
  const requests: PrayerRequest[] = config.regions.map((r) => ({
    key: `${monday}/${r.id}-1`,
    week: monday,
    id: `${r.id}-1`,
    region: r.id,
    text: '-',
    audience: 'staff',
  }));
  const { days } = planWeek(config, { source: '(import)', week: monday, verse: { text: '-', reference: '-' }, requests });
  const byRegion = new Map<string, LocalDate[]>();
  for (const day of days) {
    for (const { region } of day.requests) byRegion.set(region, [...(byRegion.get(region) ?? []), day.date]);
  }
  return byRegion;
}
