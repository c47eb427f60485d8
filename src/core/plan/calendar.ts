// A channel's calendar: the zone its dates and post time are read in, and the dates it has
// no post (the config's `skip` and `holidays`, plus the channel's own). Channels with the
// same calendar have the same posting days and the same rotation, so the plan is computed
// once per calendar, not once per channel. The organisation's calendar (the top-level
// settings alone) always exists: DMs and unlisted channels follow it.
import type { ChannelConfig, Config, LocalDate } from '../types.js';
import { holidayOn } from './holidays.js';

export interface Calendar {
  /** Equal for equal calendars: `zone|skip dates|holiday codes`. */
  key: string;
  timezone: string;
  /** Every date with no post by `skip` (the config's and the channel's), sorted. */
  skip: LocalDate[];
  /** Holiday codes (the config's and the channel's), sorted. */
  holidays: string[];
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function calendar(timezone: string, skip: Iterable<LocalDate>, holidays: Iterable<string>): Calendar {
  const s = sortedUnique(skip);
  const h = sortedUnique(holidays);
  return { key: `${timezone}|${s.join(',')}|${h.join(',')}`, timezone, skip: s, holidays: h };
}

function topLevelHolidays(config: Config): string[] {
  return config.holidays !== undefined ? [config.holidays] : [];
}

/** The organisation's calendar: the top-level zone, `skip` and `holidays`. */
export function orgCalendar(config: Config): Calendar {
  return calendar(config.timezone, config.skip, topLevelHolidays(config));
}

/** The calendar a channel follows (the organisation's when it sets nothing of its own). */
export function calendarOf(config: Config, channel: ChannelConfig): Calendar {
  if (channel.timezone === undefined && channel.skip === undefined && channel.holidays === undefined) return orgCalendar(config);
  return calendar(
    channel.timezone ?? config.timezone,
    [...config.skip, ...(channel.skip ?? [])],
    [...topLevelHolidays(config), ...(channel.holidays !== undefined ? [channel.holidays] : [])],
  );
}

/** The organisation's calendar first, then each channel's that differs, in channel order. */
export function calendarsOf(config: Config): Calendar[] {
  const found = new Map<string, Calendar>();
  for (const c of [orgCalendar(config), ...config.channels.map((channel) => calendarOf(config, channel))]) {
    if (!found.has(c.key)) found.set(c.key, c);
  }
  return [...found.values()];
}

/** The channels that follow `calendar`, in config order. */
export function channelsOf(config: Config, calendar: Calendar): ChannelConfig[] {
  return config.channels.filter((channel) => calendarOf(config, channel).key === calendar.key);
}

export type ClosedReason =
  | { kind: 'skip'; scope: 'config' | 'channel' }
  | { kind: 'holiday'; code: string; name: string };

/**
 * Why `date` has no post in `calendar`: a skip date (the config's, or only the channel's) or a
 * public holiday. The config's skip dates win, then the channel's, then holidays.
 */
export function closedOn(config: Config, calendar: Calendar, date: LocalDate): ClosedReason | undefined {
  if (config.skip.includes(date)) return { kind: 'skip', scope: 'config' };
  if (calendar.skip.includes(date)) return { kind: 'skip', scope: 'channel' };
  const holiday = holidayOn(calendar.holidays, date);
  return holiday ? { kind: 'holiday', ...holiday } : undefined;
}

/** "a skip date in the config", "Australia Day (AU public holiday)". */
export function describeClosed(reason: ClosedReason): string {
  if (reason.kind === 'holiday') return `${reason.name} (${reason.code} public holiday)`;
  return reason.scope === 'config' ? 'a skip date in the config' : "a skip date of this channel";
}

/** "slack C0SYD (Australia/Sydney, AU holidays)": a calendar other than the organisation's, in messages. */
export function describeCalendar(config: Config, calendar: Calendar): string {
  const channels = channelsOf(config, calendar).map((c) => `${c.platform} ${c.id}`);
  const extras = [
    calendar.timezone,
    ...calendar.holidays.map((code) => `${code} holidays`),
    ...(calendar.skip.some((d) => !config.skip.includes(d)) ? ['its own skip dates'] : []),
  ];
  return `${channels.length > 0 ? channels.join(', ') : 'channels'} (${extras.join(', ')})`;
}
