// `prayerbot preview [--week DATE] [--channel ID] [--format text|json]`: each day of a week
// and what every channel will receive, exactly as the posts will read (parts included).
//
// Which week: `--week` (any date of it; normally its Monday), else this week in the
// config's zone. When this week has no file, the newest week file is shown instead, with a
// note on stderr (the console chat's first run replays the newest week the same way); with
// no week files at all, or no file for an explicit `--week`, it says so and exits 1.
//
// A week's dates are each channel's local dates: on a date, a channel in Sydney shows its own
// day (its post time in its zone and in UTC), or why it has none (a holiday, a skip date).
// The header times are the organisation's (or, when no channel shown follows the
// organisation's calendar, the first channel's).
// Exit codes: 0 shown, 1 problems (missing files, errors in the config or the week), 2 usage.
import type { GlobalOptions } from '../cli.js';
import { loadConfig } from '../config/load-config.js';
import { loadPrompts } from '../config/load-prompts.js';
import { planIssueProblem } from '../config/check.js';
import { channelPostsOf, planWeek, splitIntoParts } from '../core/plan/plan.js';
import { calendarOf, closedOn, describeClosed, orgCalendar, type Calendar } from '../core/plan/calendar.js';
import { cronTimesBetween } from '../core/plan/cron.js';
import { MESSAGE_LIMITS } from '../core/plan/limits.js';
import { systemClock, type Clock } from '../core/ports.js';
import { postDocument } from '../core/post-document.js';
import { renderText } from '../core/render-text.js';
import {
  addDays,
  formatInstantIn,
  formatLongDate,
  formatShortDate,
  localDateOf,
  formatTimeIn,
  isLocalDate,
  mondayOf,
  startOfDayInstant,
  todayIn,
  weekDates,
  weekday,
} from '../core/time.js';
import type { ChannelConfig, Config, LocalDate, PlanDay, PostPart, Problem, WeekPlan } from '../core/types.js';
import { formatProblem } from '../core/types.js';

export interface PreviewOptions {
  week?: string;
  channel?: string;
  format?: 'text' | 'json';
}

/** Where the command writes, and its clock: the real ones, or a test's. */
export interface PreviewIo {
  out(text: string): void;
  err(text: string): void;
  clock: Clock;
}

const realIo: PreviewIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  clock: systemClock,
};

export async function previewCommand(globals: GlobalOptions, opts: PreviewOptions): Promise<number> {
  return preview(globals, opts, realIo);
}

export async function preview(globals: GlobalOptions, opts: PreviewOptions, io: PreviewIo): Promise<number> {
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.err(`prayerbot preview: --format must be text or json, not "${String(format)}"`);
    return 2;
  }
  if (opts.week !== undefined && !isLocalDate(opts.week)) {
    io.err(`prayerbot preview: --week needs a date written YYYY-MM-DD (the week's Monday), not "${opts.week}"`);
    return 2;
  }

  const loadedConfig = await loadConfig(globals.config);
  const config = loadedConfig.value;
  if (!config) {
    for (const p of loadedConfig.problems) io.err(formatProblem(p));
    io.err('prayerbot preview: the config has errors; fix them first (prayerbot check lists them too).');
    return 1;
  }

  let channels = config.channels;
  if (opts.channel !== undefined) {
    channels = config.channels.filter((c) => c.id === opts.channel || `${c.platform}:${c.id}` === opts.channel);
    if (channels.length === 0) {
      const known = config.channels.map((c) => `${c.platform}:${c.id}`).join(', ') || 'none';
      io.err(`prayerbot preview: no channel "${opts.channel}" in ${config.source}; channels: ${known}`);
      return 2;
    }
  }

  const { weeks, problems: promptProblems } = await loadPrompts(globals.prompts, config);
  const choice = chooseWeek(config, weeks, promptProblems, opts.week, io.clock.now());
  if (!choice.week) {
    const expected = choice.expectedFile;
    for (const p of promptProblems) if (expected && p.file.endsWith(`${expected}.yaml`)) io.err(formatProblem(p));
    io.err(`prayerbot preview: ${choice.note}`);
    return 1;
  }
  if (choice.note) io.err(`prayerbot preview: ${choice.note}`);
  const week = choice.week;

  const { days, issues } = planWeek(config, week);
  const problems: Problem[] = [
    ...loadedConfig.problems,
    ...promptProblems.filter((p) => p.file === week.source),
    ...issues.map((issue) => planIssueProblem(issue, config, week)),
  ];
  const unique = dedupe(problems);
  for (const p of unique) io.err(formatProblem(p));

  const shown = { ...config, channels };
  const report = previewWeek(config, shown, week, days);
  io.out(format === 'json' ? JSON.stringify(toJson(shown, week, report, unique), null, 2) : toText(shown, week, report));
  return unique.some((p) => p.severity === 'error') ? 1 : 0;
}

interface WeekChoice {
  week?: WeekPlan;
  note?: string;
  /** The file that was looked for, to show its own problems when it could not be read. */
  expectedFile?: string;
}

function chooseWeek(
  config: Config,
  weeks: WeekPlan[],
  problems: Problem[],
  asked: LocalDate | undefined,
  now: Date,
): WeekChoice {
  const findWeek = (monday: LocalDate) => weeks.find((w) => w.week === monday);
  const broken = (monday: LocalDate) => problems.some((p) => p.severity === 'error' && p.file.endsWith(`${monday}.yaml`));
  if (asked !== undefined) {
    const monday = mondayOf(asked);
    const week = findWeek(monday);
    const moved = monday !== asked ? `${asked} is a ${formatLongDate(asked).split(',')[0]}; ` : '';
    if (!week && broken(monday)) return { note: `${moved}the week file ${monday}.yaml has errors (above)`, expectedFile: monday };
    if (!week) return { note: `${moved}no week file for the week of ${monday} (expected ${monday}.yaml in the prompts folder)`, expectedFile: monday };
    return moved ? { week, note: `${moved}showing the week of Monday ${monday}` } : { week };
  }
  const thisMonday = mondayOf(todayIn(config.timezone, now));
  const current = findWeek(thisMonday);
  if (current) return { week: current };
  if (broken(thisMonday)) return { note: `this week's file, ${thisMonday}.yaml, has errors (above): nothing will be posted from it`, expectedFile: thisMonday };
  const newest = [...weeks].sort((a, b) => b.week.localeCompare(a.week))[0];
  if (!newest) return { note: `no week files in the prompts folder (expected ${thisMonday}.yaml for this week)`, expectedFile: thisMonday };
  return {
    week: newest,
    note: `no week file for this week (${thisMonday}.yaml): nothing will be posted this week. Showing the newest week, ${newest.week}; choose another with --week DATE.`,
  };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------
// What each day holds, for both formats.

interface ChannelDay {
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

interface DayReport {
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
function previewWeek(config: Config, shown: Config, week: WeekPlan, days: PlanDay[]): DayReport[] {
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

// ---------------------------------------------------------------------------------------
// Text.

function channelLabel(channel: ChannelConfig): string {
  const pub = channel.allowPublic ? ', allow_public' : '';
  const zone = channel.timezone !== undefined ? `, ${channel.timezone}` : '';
  const holidays = channel.holidays !== undefined ? `, ${channel.holidays} holidays` : '';
  return `${channel.platform} ${channel.id} (${channel.audience}${pub}${zone}${holidays})`;
}

/** "09:00 GMT+11 = Sun Oct 11 22:00 UTC": the post time in the channel's zone and in UTC. */
function postTimes(at: Date, zone: string): string {
  return `${formatTimeIn(at, zone)} = ${formatShortDate(localDateOf(at, 'UTC'))} ${formatTimeIn(at, 'UTC')}`;
}

function toText(config: Config, week: WeekPlan, report: DayReport[]): string {
  // Expiry is always in the organisation's zone; the header follows the day's calendar.
  const zone = config.timezone;
  const headerZone = report[0]?.calendar.timezone ?? zone;
  const out: string[] = [];
  const posting = report.filter((d) => d.channels.some((c) => c.parts.length > 0)).map((d) => formatShortDate(d.date));
  out.push(`Week of ${formatLongDate(week.week)} — ${week.source}`);
  out.push(`Times in ${headerZone}. Channels: ${config.channels.map(channelLabel).join('; ') || 'none'}.`);
  out.push(posting.length ? `Posts on ${posting.length} ${posting.length === 1 ? 'day' : 'days'}: ${posting.join(', ')}.` : 'Nothing is posted this week.');
  for (const day of report) {
    const when = day.plan ? ` · ${formatTimeIn(day.plan.postAt, headerZone)}` : '';
    out.push('', `━━ ${formatLongDate(day.date)}${when} ${'━'.repeat(Math.max(3, 60 - formatLongDate(day.date).length - when.length))}`);
    if (day.nothing && day.channels.every((c) => c.parts.length === 0)) {
      out.push(`   Nothing posted — ${day.nothing}.`);
      // Channels of another calendar with another reason (a holiday there) say theirs.
      for (const c of day.channels) {
        if (c.calendar.key !== day.calendar.key && c.nothing !== undefined && c.nothing !== day.nothing && c.plan === undefined) {
          out.push(`   → ${channelLabel(c.channel)}: no post — ${c.nothing}`);
        }
      }
      continue;
    }
    for (const { channel, calendar, plan, parts, nothing, notes } of day.channels) {
      if (parts.length === 0) {
        // "no post": not a posting day of this channel's calendar; "nothing": a posting day without anything for it.
        out.push('', `   → ${channelLabel(channel)}: ${plan ? 'nothing' : 'no post'} — ${nothing ?? 'nothing for this channel'}`);
        continue;
      }
      for (const part of parts) {
        const of = part.partCount > 1 ? ` · part ${part.part + 1} of ${part.partCount}` : '';
        out.push('', `   → ${channelLabel(channel)}${of} · ${postTimes(part.postAt, calendar.timezone)} · ledger ${part.ledgerKey}`);
        const requests = part.sections.flatMap((s) => s.requests);
        const when = (at: Date) => `${formatShortDate(localDateOf(at, zone))} ${formatTimeIn(at, zone)}`;
        const expiries = new Set(requests.map((r) => r.expiresAt.getTime()));
        out.push(
          expiries.size === 1
            ? `     requests: ${requests.map((r) => r.key).join(', ')} · expire ${when(requests[0]!.expiresAt)}`
            : `     requests: ${requests.map((r) => `${r.key} (expires ${when(r.expiresAt)})`).join(', ')}`,
        );
        for (const note of notes[part.part] ?? []) out.push(`     note: ${note}`);
        out.push('', renderText(postDocument(part), { indent: '     ', width: 80 }));
      }
    }
  }
  return out.join('\n');
}

function requestKeys(part: PostPart): string[] {
  return part.sections.flatMap((s) => s.requests.map((r) => r.key));
}

/** When the whole part has expired: the latest expiry of its requests. */
function latestExpiry(part: PostPart): Date | undefined {
  const times = part.sections.flatMap((s) => s.requests.map((r) => r.expiresAt.getTime()));
  return times.length ? new Date(Math.max(...times)) : undefined;
}

// ---------------------------------------------------------------------------------------
// JSON: days → channels → parts.

function toJson(config: Config, week: WeekPlan, report: DayReport[], problems: Problem[]) {
  return {
    week: week.week,
    source: week.source,
    timezone: config.timezone,
    problems,
    days: report.map((day) => ({
      date: day.date,
      weekday: formatLongDate(day.date).split(',')[0],
      isoWeekday: weekday(day.date),
      posting: day.plan !== undefined,
      skipped: day.skipped,
      postAt: day.plan ? day.plan.postAt.toISOString() : null,
      rotationRegions: day.plan ? day.plan.rotationRegions : [],
      nothing: day.nothing ?? null,
      channels: day.channels.map(({ channel, calendar, plan, parts, nothing, notes }) => ({
        platform: channel.platform,
        channelId: channel.id,
        audience: channel.audience,
        allowPublic: channel.allowPublic,
        timezone: calendar.timezone,
        posting: plan !== undefined,
        postAt: plan ? plan.postAt.toISOString() : null,
        nothing: nothing ?? null,
        parts: parts.map((part) => ({
          ledgerKey: part.ledgerKey,
          part: part.part,
          partCount: part.partCount,
          postAt: part.postAt.toISOString(),
          timezone: calendar.timezone,
          localPostAt: formatInstantIn(part.postAt, calendar.timezone),
          notes: notes[part.part] ?? [],
          expiresAt: latestExpiry(part)?.toISOString() ?? null,
          regions: part.sections.map((s) => s.region.id),
          requestKeys: requestKeys(part),
          requests: part.sections.flatMap((s) =>
            s.requests.map((r) => ({
              key: r.key,
              region: r.region,
              audience: r.audience,
              expiresOn: r.expiresOn,
              expiresAt: r.expiresAt.toISOString(),
            })),
          ),
          document: postDocument(part),
        })),
      })),
    })),
  };
}
