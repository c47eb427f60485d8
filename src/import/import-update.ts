// The weekly update text → a week file (DESIGN "Import"). Pure: the config, the text and
// the dates in; the week, its YAML and the warnings out. Every choice a human should check
// is a warning, and the relative dates it rewrote carry a `# confirm` comment in the file.
import { charCount as chars, MAX_REQUEST_CHARS } from '../config/week-schema.js';
import { addDays, isLocalDate, weekday, weekdayName } from '../core/time.js';
import type { Config, LocalDate, Region } from '../core/types.js';
import { findDatePhrases, rewriteRelative, weekdayMonthDay, type DatePhrase } from './date-phrases.js';
import { asksForSomething, parseUpdate, type Paragraph, type Section } from './parse-update.js';
import { regionDays } from './region-days.js';
import { writeWeekYaml, type ImportedRequest, type ImportedWeek } from './week-yaml.js';


/** Notes label for text found before the first heading. */
export const BEFORE_FIRST_HEADING = '(before the first heading)';

export interface ImportOptions {
  /** The week's Monday; default: the Monday on or after `sent`, else on or after `today`. */
  week?: LocalDate;
  /** The date the update was sent: relative dates ("Tomorrow") are read from it. */
  sent?: LocalDate;
  /** Today in the organisation's zone (from the clock), for the default week. */
  today: LocalDate;
}

export interface ImportWarning {
  /** 1-based line of the update, when the warning is about one. */
  line?: number;
  message: string;
}

export type ImportErrorCode = 'bad-date' | 'not-monday' | 'no-sections';

export interface ImportError {
  code: ImportErrorCode;
  message: string;
}

export type ImportResult =
  | { ok: true; week: ImportedWeek; yaml: string; warnings: ImportWarning[] }
  | { ok: false; error: ImportError; warnings: ImportWarning[] };

/** The Monday on or after `date`. */
export function mondayOnOrAfter(date: LocalDate): LocalDate {
  return addDays(date, (8 - weekday(date)) % 7);
}

/** Checks `--week` and `--sent`: real dates, and the week a Monday. Undefined when fine. */
export function checkDateOptions(options: { week?: string | undefined; sent?: string | undefined }): ImportError | undefined {
  for (const [flag, value] of [['--week', options.week], ['--sent', options.sent]] as const) {
    if (value !== undefined && !isLocalDate(value)) {
      return { code: 'bad-date', message: `${flag} ${JSON.stringify(value)} is not a date (YYYY-MM-DD)` };
    }
  }
  if (options.week !== undefined && weekday(options.week) !== 1) {
    const monday = addDays(options.week, 1 - weekday(options.week));
    return {
      code: 'not-monday',
      message: `--week ${options.week} is a ${weekdayName(options.week)}; give the week's Monday (${monday})`,
    };
  }
  return undefined;
}

/** The week to import: `--week`, else the Monday on or after `--sent`, else on or after today. */
export function resolveWeek(options: ImportOptions): { ok: true; week: LocalDate } | { ok: false; error: ImportError } {
  const error = checkDateOptions(options);
  if (error) return { ok: false, error };
  return { ok: true, week: options.week ?? mondayOnOrAfter(options.sent ?? options.today) };
}

interface Piece {
  paragraph: Paragraph;
  text: string;
  date?: LocalDate;
  comments: string[];
}

interface Context {
  config: Config;
  week: LocalDate;
  sunday: LocalDate;
  sent?: LocalDate;
  ownDays: Map<string, LocalDate[]>;
  skip: Set<LocalDate>;
  warnings: ImportWarning[];
}

function quoteList(phrases: DatePhrase[]): string {
  return phrases.map((p) => `"${p.phrase}"`).join(', ');
}

const OWN_DAY = "the region's own day";

/** "South Asia's", "Global Office & Partners'". */
function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** Where an undated paragraph of `region` goes out, for messages. */
function goesOut(ctx: Context, region: Region): string {
  const days = ctx.ownDays.get(region.id) ?? [];
  return days.length > 0 ? `it goes out with ${region.name} on ${weekdayMonthDay(days[0]!)}` : `it goes out with ${region.name}`;
}

/** Why a date cannot be the paragraph's own posting date, or undefined when it can. */
function whyNotDated(ctx: Context, region: Region, date: LocalDate): { note: string; message: string } | undefined {
  if (date < ctx.week || date > ctx.sunday) {
    return { note: 'outside the week', message: `outside the week ${ctx.week} to ${ctx.sunday}: left undated; ${goesOut(ctx, region)}` };
  }
  if (ctx.skip.has(date)) {
    return { note: 'a skip date: no post', message: `a skip date in the config (no post that day): left undated; ${goesOut(ctx, region)}` };
  }
  if ((ctx.ownDays.get(region.id) ?? []).includes(date)) {
    return { note: OWN_DAY, message: `${possessive(region.name)} own day: left undated, as it goes out that day anyway` };
  }
  return undefined;
}

/** Reads one request paragraph's dates: rewrites relative ones and decides its posting date. */
function placeParagraph(ctx: Context, region: Region, paragraph: Paragraph): Piece {
  const phrases = findDatePhrases(paragraph.text, { week: ctx.week, ...(ctx.sent && { sent: ctx.sent }) });
  const text = rewriteRelative(paragraph.text, phrases);
  const comments: string[] = [];
  const at = { line: paragraph.line };

  for (const p of phrases) {
    if (p.kind === 'explicit' && p.problem) ctx.warnings.push({ ...at, message: p.problem });
    if (p.kind === 'relative' && p.date === undefined) {
      comments.push(`confirm: "${p.phrase}" not read: no --sent date`);
      ctx.warnings.push({ ...at, message: `${p.problem}; left as written and undated` });
    }
  }
  const dated = phrases.filter((p) => p.date !== undefined);
  const dates = [...new Set(dated.map((p) => p.date!))];

  let date: LocalDate | undefined;
  let why: { note: string; message: string } | undefined;
  if (dates.length === 1) {
    date = dates[0]!;
    why = whyNotDated(ctx, region, date);
  } else if (dates.length > 1) {
    ctx.warnings.push({
      ...at,
      message: `names ${dates.length} dates (${quoteList(dated)}): left undated; ${goesOut(ctx, region)} (split it by hand if a date needs its own post)`,
    });
    comments.push(`check: names ${dates.length} dates (${quoteList(dated)}); left undated`);
  }

  for (const p of dated) {
    if (p.kind !== 'relative') continue;
    const own = dates.length === 1 && why ? ` (${why.note})` : '';
    comments.push(`confirm: "${p.phrase}" read as ${weekdayMonthDay(p.date!)}${own}`);
  }

  if (date !== undefined && why) {
    const phrase = quoteList(dated);
    ctx.warnings.push({
      ...at,
      message: `${phrase} is ${weekdayMonthDay(date)}, ${why.message}`,
    });
    // An explicit date the paragraph cannot be posted on is worth a look in the file too
    // (relative ones already carry their `confirm`); one on the region's own day is not.
    if (!dated.some((p) => p.kind === 'relative') && why.note !== OWN_DAY) {
      comments.push(`check: ${phrase} is ${why.note}; left undated`);
    }
    date = undefined;
  } else if (date !== undefined) {
    // A relative date read from --sent now decides the day it is posted: a human confirms.
    for (const p of dated.filter((d) => d.kind === 'relative')) {
      ctx.warnings.push({
        ...at,
        message: `"${p.phrase}" read as ${weekdayMonthDay(date)} (sent ${ctx.sent}): rewritten and dated ${date}; confirm it`,
      });
    }
  }
  return { paragraph, text, comments, ...(date !== undefined && { date }) };
}

/** Undated pieces of a section, joined into requests of at most MAX_REQUEST_CHARS. */
function joinUndated(ctx: Context, region: Region, pieces: Piece[]): Array<Omit<ImportedRequest, 'id'>> {
  const out: Array<Omit<ImportedRequest, 'id'>> = [];
  let current: (Omit<ImportedRequest, 'id'> & { lines: number[] }) | undefined;
  for (const piece of pieces) {
    if (current && chars(current.text) + 2 + chars(piece.text) <= MAX_REQUEST_CHARS) {
      current.text += `\n\n${piece.text}`;
      current.comments.push(...piece.comments);
      current.lines.push(piece.paragraph.line);
      continue;
    }
    current = { region: region.id, text: piece.text, audience: 'staff', comments: [...piece.comments], lines: [piece.paragraph.line] };
    out.push(current);
  }
  return out;
}

function sectionRequests(ctx: Context, section: Section, notes: string[]): Array<Omit<ImportedRequest, 'id'>> {
  const region = section.region;
  // In order of appearance: the undated paragraphs as one request where the first of them
  // stood, each dated paragraph as its own request.
  const slots: Array<{ undated: Piece[] } | { dated: Piece }> = [];
  let undated: Piece[] | undefined;
  for (const paragraph of section.paragraphs) {
    if (!asksForSomething(paragraph.text)) {
      notes.push(`${region.id}: ${paragraph.text}`);
      ctx.warnings.push({
        line: paragraph.line,
        message: paragraph.headingLike
          ? `"${paragraph.text}" looks like a heading but names no region in the config: kept in notes, and the text after it stays under ${region.name} (if it is a region, add it or an alias to the config's regions)`
          : `asks for nothing (no "pray", "praise", "thank" or "ask"): kept in notes, not posted`,
      });
      continue;
    }
    const piece = placeParagraph(ctx, region, paragraph);
    if (chars(piece.text) > MAX_REQUEST_CHARS) {
      ctx.warnings.push({
        line: paragraph.line,
        message: `paragraph of ${chars(piece.text)} characters, over the ${MAX_REQUEST_CHARS} a request may hold: shorten or split it by hand`,
      });
    }
    if (piece.date !== undefined) {
      slots.push({ dated: piece });
    } else if (undated) {
      undated.push(piece);
    } else {
      undated = [piece];
      slots.push({ undated });
    }
  }
  return slots.flatMap((slot) =>
    'dated' in slot
      ? [{ region: region.id, text: slot.dated.text, date: slot.dated.date!, audience: 'staff' as const, comments: slot.dated.comments, lines: [slot.dated.paragraph.line] }]
      : joinUndated(ctx, region, slot.undated),
  );
}

/** Warnings in the order of the update's lines; those about the whole update last. */
function inLineOrder(warnings: ImportWarning[]): ImportWarning[] {
  return [...warnings].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}

/** Turns the text of a weekly update into a week file. */
export function importUpdate(input: string, config: Config, options: ImportOptions): ImportResult {
  const warnings: ImportWarning[] = [];
  const resolved = resolveWeek(options);
  if (!resolved.ok) return { ok: false, error: resolved.error, warnings };
  const week = resolved.week;
  const sunday = addDays(week, 6);
  if (options.sent !== undefined && options.sent > sunday) {
    warnings.push({ message: `--sent ${options.sent} is after the week it plans (${week} to ${sunday})` });
  }

  const parsed = parseUpdate(input, config.regions);
  warnings.push(...parsed.warnings);
  if (parsed.sections.length === 0) {
    const names = config.regions.map((r) => r.name).join(', ');
    return {
      ok: false,
      error: {
        code: 'no-sections',
        message: `no region heading found: expected a short line naming a region (${names}) or one of its aliases`,
      },
      warnings,
    };
  }

  const ctx: Context = {
    config,
    week,
    sunday,
    ...(options.sent !== undefined && { sent: options.sent }),
    ownDays: regionDays(config, week),
    skip: new Set(config.skip),
    warnings,
  };

  const notes: string[] = [];
  for (const p of parsed.preamble) {
    notes.push(`${BEFORE_FIRST_HEADING}: ${p.text}`);
    warnings.push({ line: p.line, message: 'text before the first region heading: kept in notes, not posted' });
  }

  let verse = { text: '', reference: '' };
  if (!parsed.verse) {
    warnings.push({ message: 'no verse found (a quoted line followed by "– Book 1:2"): fill in verse.text and verse.reference' });
  } else {
    verse = { text: parsed.verse.text, reference: parsed.verse.reference };
    if (verse.reference === '') {
      warnings.push({ line: parsed.verse.line, message: 'no reference found for the verse: fill in verse.reference' });
    }
  }

  const drafts = parsed.sections.flatMap((section) => sectionRequests(ctx, section, notes));
  const counts = new Map<string, number>();
  const requests: ImportedRequest[] = drafts.map((d) => {
    const n = (counts.get(d.region) ?? 0) + 1;
    counts.set(d.region, n);
    return { region: d.region, id: `${d.region}-${n}`, text: d.text, ...(d.date !== undefined && { date: d.date }), audience: d.audience, comments: d.comments, lines: d.lines ?? [] };
  });

  const withSection = new Set(parsed.sections.map((s) => s.region.id));
  for (const regionId of config.rotation) {
    const region = config.regions.find((r) => r.id === regionId);
    if (!region) continue;
    if (!withSection.has(regionId)) {
      warnings.push({ message: `the update has no section for ${region.name}: it has no request this week` });
    } else if (!requests.some((r) => r.region === regionId)) {
      const empty = parsed.sections.every((s) => s.region.id !== regionId || s.paragraphs.length === 0);
      warnings.push({
        message: empty
          ? `the section for ${region.name} is empty: it has no request this week`
          : `${region.name} has no request this week: all of its text went to notes`,
      });
    }
  }

  const imported: ImportedWeek = { week, verse, requests, notes };
  return { ok: true, week: imported, yaml: writeWeekYaml(imported), warnings: inLineOrder(warnings) };
}
