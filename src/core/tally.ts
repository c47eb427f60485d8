// Tally maths and its presentations (table, CSV, JSON, the staff digest). Pure functions of
// per-post counts: a person counts once per post, and a post's reactors count for every
// region in that post. Nothing here ever sees who prayed — only counts.
import { ENGLISH_LOCALE, type Messages } from '../i18n/index.js';
import type { PostTally } from './store.js';
import type { LocalDate, PlatformName, Region } from './types.js';

export interface TallyRow {
  week: LocalDate;
  date: LocalDate;
  platform: PlatformName;
  channelId: string;
  part: number;
  regions: string[];
  count: number;
  /** A copy taken down by a retraction that was later undone: its count from before. */
  earlierCopy?: true;
}

export interface TallySummary {
  week?: LocalDate;
  total: number;
  byRegion: Record<string, number>;
  byDay: Record<LocalDate, number>;
  byWeek: Record<LocalDate, number>;
  byPlatform: Partial<Record<PlatformName, number>>;
  byChannel: Record<string, number>;
  rows: TallyRow[];
}

function add<K extends string>(into: Partial<Record<K, number>>, key: K, n: number): void {
  into[key] = (into[key] ?? 0) + n;
}

export function summarize(tallies: PostTally[], week?: LocalDate): TallySummary {
  const summary: TallySummary = { total: 0, byRegion: {}, byDay: {}, byWeek: {}, byPlatform: {}, byChannel: {}, rows: [] };
  if (week) summary.week = week;
  // Only posts that reached a channel count (not skipped, failed or pending ones).
  const counted = tallies.filter((t) => t.post.state === 'sent' || t.post.state === 'retired' || t.post.state === 'retracted');
  const sorted = [...counted].sort((a, b) => a.post.key.localeCompare(b.post.key));
  // A day sent again after an undo has two rows (same key): the earlier copy's count and the
  // new one's. Both count: the people who prayed before the retraction stay in the tally.
  for (const { post, count, earlierCopy } of sorted) {
    summary.rows.push({
      week: post.week,
      date: post.date,
      platform: post.platform,
      channelId: post.channelId,
      part: post.part,
      regions: post.regions,
      count,
      ...(earlierCopy ? { earlierCopy } : {}),
    });
    summary.total += count;
    for (const region of post.regions) add(summary.byRegion, region, count);
    add(summary.byDay, post.date, count);
    add(summary.byWeek, post.week, count);
    add(summary.byPlatform, post.platform, count);
    add(summary.byChannel, `${post.platform}:${post.channelId}`, count);
  }
  return summary;
}

const BAR_WIDTH = 20;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A Unicode bar of `value` relative to `max`, in eighths of a cell. */
export function bar(value: number, max: number, width = BAR_WIDTH): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function change(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  const diff = now - before;
  if (diff === 0) return '±0';
  return diff > 0 ? `+${diff}` : String(diff);
}

function regionName(regions: Region[], id: string): string {
  return regions.find((r) => r.id === id)?.name ?? id;
}

export interface DigestInput {
  week: LocalDate;
  regions: Region[];
  thisWeek: TallySummary;
  lastWeek?: TallySummary;
  /** Lines about posts that failed, were skipped or refused this week. */
  problems: string[];
  /** Set when next week has no plan file yet. */
  nextWeekMissing?: LocalDate;
}

/**
 * The weekly digest staff receive: totals per region and platform with bars and the change,
 * in the report channel's language (`regions` carry their names in it).
 */
export function digestText(input: DigestInput, messages: Messages = ENGLISH_LOCALE.messages): string {
  const { thisWeek, lastWeek, regions } = input;
  const m = messages;
  const heading = m.digestHeading({ week: input.week, total: thisWeek.total, ...(lastWeek ? { change: change(thisWeek.total, lastWeek.total) } : {}) });
  const lines: string[] = [heading, ''];
  const regionIds = regions.map((r) => r.id);
  for (const id of Object.keys(thisWeek.byRegion)) if (!regionIds.includes(id)) regionIds.push(id);
  const width = Math.max(...regionIds.map((id) => regionName(regions, id).length), 8);
  const regionMax = Math.max(0, ...regionIds.map((id) => thisWeek.byRegion[id] ?? 0));
  lines.push(m.digestByRegion);
  for (const id of regionIds) {
    const n = thisWeek.byRegion[id] ?? 0;
    const delta = lastWeek ? change(n, lastWeek.byRegion[id] ?? 0) : '';
    lines.push(`  ${regionName(regions, id).padEnd(width)} ${String(n).padStart(4)} ${bar(n, regionMax).padEnd(BAR_WIDTH + 1)} ${delta}`.trimEnd());
  }
  const platforms = Object.keys(thisWeek.byPlatform) as PlatformName[];
  if (platforms.length > 0) {
    const platformMax = Math.max(...platforms.map((p) => thisWeek.byPlatform[p] ?? 0));
    lines.push('', m.digestByPlatform);
    for (const p of platforms) {
      const n = thisWeek.byPlatform[p] ?? 0;
      const delta = lastWeek ? change(n, lastWeek.byPlatform[p] ?? 0) : '';
      lines.push(`  ${p.padEnd(width)} ${String(n).padStart(4)} ${bar(n, platformMax).padEnd(BAR_WIDTH + 1)} ${delta}`.trimEnd());
    }
  }
  if (input.problems.length > 0) {
    lines.push('', m.digestProblems);
    for (const p of input.problems) lines.push(`  • ${p}`);
  }
  if (input.nextWeekMissing) {
    lines.push('', m.digestReminder({ file: `prompts/${input.nextWeekMissing}.yaml` }));
  }
  return lines.join('\n');
}

/** The tally table's column names and total, in a language. */
export interface TallyLabels {
  date: string;
  platform: string;
  channel: string;
  part: string;
  regions: string;
  prayed: string;
  total: string;
  beforeUndo: string;
}

export function tallyLabels(m: Messages): TallyLabels {
  return { date: m.tallyDate, platform: m.tallyPlatform, channel: m.tallyChannel, part: m.tallyPart, regions: m.tallyRegions, prayed: m.tallyPrayed, total: m.tallyTotal, beforeUndo: m.tallyBeforeUndo };
}

export function tallyTable(summary: TallySummary, regions: Region[], labels: TallyLabels = tallyLabels(ENGLISH_LOCALE.messages)): string {
  const header = [labels.date, labels.platform, labels.channel, labels.part, labels.regions, labels.prayed];
  const body = summary.rows.map((r) => [r.date, r.platform, r.channelId, r.earlierCopy ? `${r.part} ${labels.beforeUndo}` : String(r.part), r.regions.map((id) => regionName(regions, id)).join(', '), String(r.count)]);
  const rows = [header, ...body];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const lines = [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)];
  lines.push('', `${labels.total} ${summary.total}`);
  const regionMax = Math.max(0, ...Object.values(summary.byRegion));
  for (const [id, n] of Object.entries(summary.byRegion)) lines.push(`  ${regionName(regions, id).padEnd(26)} ${String(n).padStart(4)} ${bar(n, regionMax)}`);
  for (const [p, n] of Object.entries(summary.byPlatform)) lines.push(`  ${p.padEnd(26)} ${String(n).padStart(4)}`);
  return lines.join('\n');
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function tallyCsv(summary: TallySummary): string {
  const lines = ['week,date,platform,channel,part,regions,count'];
  for (const r of summary.rows) {
    lines.push([r.week, r.date, r.platform, r.channelId, String(r.part), r.regions.join(' '), String(r.count)].map(csvCell).join(','));
  }
  return lines.join('\n');
}

export function tallyJson(summary: TallySummary): string {
  return JSON.stringify(summary, null, 2);
}
