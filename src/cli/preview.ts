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
import { join } from 'node:path';
import type { GlobalOptions } from '../cli.js';
import { loadConfig } from '../config/load-config.js';
import { loadPrompts } from '../config/load-prompts.js';
import { planIssueProblem } from '../config/check.js';
import { withSavedWeeks } from '../config/saved-weeks.js';
import { planWeek } from '../core/plan/plan.js';
import { localAndUtc, previewWeek, untranslated, untranslatedNote, type DayReport } from '../core/plan/week-preview.js';
import { systemClock, type Clock } from '../core/ports.js';
import { channelLocale } from '../core/language.js';
import { postDocumentIn } from '../core/post-document.js';
import { renderText } from '../core/render-text.js';
import { translationIssues } from '../core/translation-coverage.js';
import {
  formatInstantIn,
  formatLongDate,
  formatShortDate,
  localDateOf,
  formatTimeIn,
  isLocalDate,
  mondayOf,
  todayIn,
  weekday,
} from '../core/time.js';
import type { ChannelConfig, Config, LocalDate, PostPart, Problem, WeekPlan } from '../core/types.js';
import { formatProblem } from '../core/types.js';
import type { SavedWeek } from '../core/store.js';
import { savedWeeksOrWarn } from './saved-weeks.js';

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
  /** The weeks saved on the coordinator page (none when absent). */
  savedWeeks?: () => Promise<SavedWeek[]>;
}

const realIo: PreviewIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  clock: systemClock,
  savedWeeks: () => savedWeeksOrWarn('preview', (text) => process.stderr.write(`${text}\n`)),
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

  // A week saved on the coordinator page replaces the file of the same week.
  const files = await loadPrompts(globals.prompts, config);
  const { weeks, problems: promptProblems } = withSavedWeeks(config, globals.prompts, files, (await io.savedWeeks?.()) ?? []);
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
    ...promptProblems.filter((p) => p.file === week.source || p.file === join(globals.prompts, `${week.week}.yaml`)),
    ...[...issues, ...translationIssues(config, week)].map((issue) => planIssueProblem(issue, config, week)),
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
// Text.

function channelLabel(config: Config, channel: ChannelConfig): string {
  const pub = channel.allowPublic ? ', allow_public' : '';
  const language = channel.language !== undefined && channel.language !== config.language ? `, ${channel.language}` : '';
  const zone = channel.timezone !== undefined ? `, ${channel.timezone}` : '';
  const holidays = channel.holidays !== undefined ? `, ${channel.holidays} holidays` : '';
  return `${channel.platform} ${channel.id} (${channel.audience}${pub}${zone}${holidays}${language})`;
}

function toText(config: Config, week: WeekPlan, report: DayReport[]): string {
  // Expiry is always in the organisation's zone; the header follows the day's calendar.
  const zone = config.timezone;
  const headerZone = report[0]?.calendar.timezone ?? zone;
  const out: string[] = [];
  const posting = report.filter((d) => d.channels.some((c) => c.parts.length > 0)).map((d) => formatShortDate(d.date));
  out.push(`Week of ${formatLongDate(week.week)} — ${week.source}`);
  out.push(`Times in ${headerZone}. Channels: ${config.channels.map((c) => channelLabel(config, c)).join('; ') || 'none'}.`);
  out.push(posting.length ? `Posts on ${posting.length} ${posting.length === 1 ? 'day' : 'days'}: ${posting.join(', ')}.` : 'Nothing is posted this week.');
  for (const day of report) {
    const when = day.plan ? ` · ${formatTimeIn(day.plan.postAt, headerZone)}` : '';
    out.push('', `━━ ${formatLongDate(day.date)}${when} ${'━'.repeat(Math.max(3, 60 - formatLongDate(day.date).length - when.length))}`);
    if (day.nothing && day.channels.every((c) => c.parts.length === 0)) {
      out.push(`   Nothing posted — ${day.nothing}.`);
      // Channels of another calendar with another reason (a holiday there) say theirs.
      for (const c of day.channels) {
        if (c.calendar.key !== day.calendar.key && c.nothing !== undefined && c.nothing !== day.nothing && c.plan === undefined) {
          out.push(`   → ${channelLabel(config, c.channel)}: no post — ${c.nothing}`);
        }
      }
      continue;
    }
    for (const { channel, calendar, plan, parts, nothing, notes } of day.channels) {
      if (parts.length === 0) {
        // "no post": not a posting day of this channel's calendar; "nothing": a posting day without anything for it.
        out.push('', `   → ${channelLabel(config, channel)}: ${plan ? 'nothing' : 'no post'} — ${nothing ?? 'nothing for this channel'}`);
        continue;
      }
      for (const part of parts) {
        const of = part.partCount > 1 ? ` · part ${part.part + 1} of ${part.partCount}` : '';
        out.push('', `   → ${channelLabel(config, channel)}${of} · ${localAndUtc(part.postAt, calendar.timezone)} · ledger ${part.ledgerKey}`);
        const requests = part.sections.flatMap((s) => s.requests);
        const when = (at: Date) => `${formatShortDate(localDateOf(at, zone))} ${formatTimeIn(at, zone)}`;
        const expiries = new Set(requests.map((r) => r.expiresAt.getTime()));
        out.push(
          expiries.size === 1
            ? `     requests: ${requests.map((r) => r.key).join(', ')} · expire ${when(requests[0]!.expiresAt)}`
            : `     requests: ${requests.map((r) => `${r.key} (expires ${when(r.expiresAt)})`).join(', ')}`,
        );
        for (const note of notes[part.part] ?? []) out.push(`     note: ${note}`);
        const missing = untranslatedNote(config, part);
        if (missing) out.push(`     ${missing}`);
        out.push('', renderText(postDocumentIn(channelLocale(config, channel), part), { indent: '     ', width: 80 }));
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
          language: channelLocale(config, channel).tag,
          untranslated: untranslated(config, part),
          requests: part.sections.flatMap((s) =>
            s.requests.map((r) => ({
              key: r.key,
              region: r.region,
              audience: r.audience,
              expiresOn: r.expiresOn,
              expiresAt: r.expiresAt.toISOString(),
            })),
          ),
          document: postDocumentIn(channelLocale(config, channel), part),
        })),
      })),
    })),
  };
}
