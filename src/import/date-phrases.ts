// Dates named inside a paragraph of the weekly update.
//
// Explicit dates ("October 18", "Oct. 18", "18 October", "Saturday, October 17, 2026",
// "2026-10-18") always resolve; a missing year is the one that puts the date nearest the
// week being imported. Relative dates ("Tomorrow", "today", "this Saturday", "on Wednesday",
// "next Monday") resolve only against the date the update was sent:
//   - "tomorrow" = sent + 1; "today" / "tonight" = sent;
//   - "this <weekday>" and "on <weekday>" = the first such weekday on or after sent (for
//     "this", that is the weekday in sent's own week when it is still ahead);
//   - "next <weekday>" = that weekday in the week after sent's week (weeks run Monday to Sunday).
// A resolved relative phrase is rewritten to the explicit date ("This Saturday" → "On
// Saturday, October 17,") so the post reads right on whatever day it goes out.
import { addDays, dateParts, daysBetween, isLocalDate, mondayOf, weekday, weekdayName } from '../core/time.js';
import type { LocalDate } from '../core/types.js';

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** ISO weekday (1 = Monday) of each full weekday name, lower case. */
const WEEKDAY_NUMBER: Record<string, number> = {
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
};
const WEEKDAY_ABBREVIATION: Record<string, number> = {
  mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6, sun: 7,
};
const MONTH_NUMBER: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)';
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';
const ORDINAL = '(?:st|nd|rd|th)?';
// Month names are matched capitalised only ("may 5 families" is not a date).
const EXPLICIT = new RegExp(
  [
    `(?:\\b(${WEEKDAY})\\b\\.?,?\\s+(?:the\\s+)?)?`,
    '(?:',
    `\\b(${MONTH})\\b\\.?\\s+(\\d{1,2})${ORDINAL}\\b(?:,?\\s+(\\d{4})\\b)?`,
    '|',
    `\\b(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?(${MONTH})\\b(?:\\.?,?\\s+(\\d{4})\\b)?`,
    '|',
    '\\b(\\d{4})-(\\d{2})-(\\d{2})\\b',
    ')',
  ].join(''),
  'g',
);
const FULL_WEEKDAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const PART_OF_DAY = '(?:\\s+(morning|afternoon|evening|night))?';
const RELATIVE = new RegExp(
  `\\b(?:(this(?:\\s+coming)?|next|on)\\s+${FULL_WEEKDAY}${PART_OF_DAY}|(tomorrow|today|tonight)${PART_OF_DAY})\\b(['’]s\\b)?`,
  'gi',
);

export interface DatePhrase {
  /** Offsets of the phrase in the paragraph. */
  start: number;
  end: number;
  /** The phrase as written, e.g. "This Saturday", "October 18". */
  phrase: string;
  kind: 'explicit' | 'relative';
  /** The date it names; undefined when it cannot be read (a relative phrase without --sent). */
  date?: LocalDate;
  /** For a resolved relative phrase: the explicit words that replace it. */
  replacement?: string;
  /** Something a human should check (a weekday that does not match its date, …). */
  problem?: string;
}

export interface DateContext {
  /** The Monday of the week being imported: a missing year is read near it. */
  week: LocalDate;
  /** The date the update was sent; without it relative phrases are not read. */
  sent?: LocalDate;
}

/** "Saturday, October 17". */
export function weekdayMonthDay(date: LocalDate): string {
  const { month, day } = dateParts(date);
  return `${weekdayName(date)}, ${MONTH_NAMES[month - 1]!} ${day}`;
}

function monthOf(name: string): number {
  return MONTH_NUMBER[name.toLowerCase().slice(0, 3)]!;
}

function isoOf(year: number, month: number, day: number): LocalDate | undefined {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isLocalDate(iso) ? iso : undefined;
}

/** The date with this month and day nearest `near` (the year before, of, or after it). */
export function nearestYear(month: number, day: number, near: LocalDate): LocalDate | undefined {
  const year = dateParts(near).year;
  let best: LocalDate | undefined;
  for (const y of [year - 1, year, year + 1]) {
    const candidate = isoOf(y, month, day);
    if (candidate === undefined) continue;
    if (best === undefined || Math.abs(daysBetween(near, candidate)) < Math.abs(daysBetween(near, best))) best = candidate;
  }
  return best;
}

function weekdayNumberOf(word: string): number | undefined {
  const w = word.toLowerCase();
  return WEEKDAY_NUMBER[w] ?? WEEKDAY_ABBREVIATION[w];
}

function explicitPhrases(text: string, ctx: DateContext): DatePhrase[] {
  const found: DatePhrase[] = [];
  for (const m of text.matchAll(EXPLICIT)) {
    const [phrase, weekdayWord, mon1, day1, year1, day2, mon2, year2, isoY, isoM, isoD] = m;
    const start = m.index;
    let date: LocalDate | undefined;
    let problem: string | undefined;
    if (isoY !== undefined) {
      date = isoOf(Number(isoY), Number(isoM), Number(isoD));
    } else {
      const month = monthOf((mon1 ?? mon2)!);
      const day = Number(day1 ?? day2);
      const year = year1 ?? year2;
      date = year !== undefined ? isoOf(Number(year), month, day) : nearestYear(month, day, ctx.week);
    }
    if (date === undefined) {
      problem = `"${phrase}" is not a date in the calendar`;
    } else if (weekdayWord !== undefined && weekdayNumberOf(weekdayWord) !== weekday(date)) {
      problem = `"${phrase}" says ${weekdayWord}, but that date is a ${weekdayName(date)}`;
    }
    found.push({ start, end: start + phrase.length, phrase, kind: 'explicit', ...(date && { date }), ...(problem && { problem }) });
  }
  return found;
}

/** The first date on or after `from` that falls on ISO weekday `wd`. */
function onOrAfter(from: LocalDate, wd: number): LocalDate {
  return addDays(from, (wd - weekday(from) + 7) % 7);
}

function resolveRelative(keyword: string, weekdayWord: string | undefined, sent: LocalDate): LocalDate {
  const k = keyword.toLowerCase().replace(/\s+/g, ' ');
  if (k === 'tomorrow') return addDays(sent, 1);
  if (k === 'today' || k === 'tonight') return sent;
  const wd = WEEKDAY_NUMBER[weekdayWord!.toLowerCase()]!;
  if (k === 'next') return addDays(mondayOf(sent), 7 + wd - 1);
  return onOrAfter(sent, wd); // "this", "this coming", "on"
}

/**
 * The words that replace a relative phrase: "On Saturday, October 17" (capitalised when the
 * phrase was), with a time of day kept ("On Tuesday evening, November 17") and a possessive
 * kept readable ("Saturday's (October 17)"). The comma that closes an introductory date is
 * added by `rewriteRelative`, which sees what follows.
 */
function replacementFor(phrase: string, date: LocalDate, partOfDay: string | undefined, possessive: string | undefined, tonight: boolean): string {
  const { month, day } = dateParts(date);
  const monthDay = `${MONTH_NAMES[month - 1]!} ${day}`;
  const part = partOfDay ? ` ${partOfDay.toLowerCase()}` : tonight ? ' evening' : '';
  if (possessive) return `${weekdayName(date)}${part}${possessive.charAt(0)}s (${monthDay})`;
  const on = /^[A-Z]/.test(phrase) ? 'On' : 'on';
  return `${on} ${weekdayName(date)}${part}, ${monthDay}`;
}

function relativePhrases(text: string, ctx: DateContext, taken: DatePhrase[]): DatePhrase[] {
  const found: DatePhrase[] = [];
  for (const m of text.matchAll(RELATIVE)) {
    const [phrase, keyword1, weekdayWord, part1, keyword2, part2, possessive] = m;
    const start = m.index;
    const end = start + phrase.length;
    // "On Saturday, October 17" is an explicit date, not "on Saturday".
    if (taken.some((t) => start < t.end && t.start < end)) continue;
    const keyword = (keyword1 ?? keyword2)!;
    if (ctx.sent === undefined) {
      found.push({ start, end, phrase, kind: 'relative', problem: `"${phrase}" is relative: give --sent DATE to read it` });
      continue;
    }
    const date = resolveRelative(keyword, weekdayWord, ctx.sent);
    const replacement = replacementFor(phrase, date, part1 ?? part2, possessive, keyword.toLowerCase() === 'tonight');
    found.push({ start, end, phrase, kind: 'relative', date, replacement });
  }
  return found;
}

/** Every date phrase of a paragraph, in order of appearance. */
export function findDatePhrases(text: string, ctx: DateContext): DatePhrase[] {
  const explicit = explicitPhrases(text, ctx);
  const relative = relativePhrases(text, ctx, explicit);
  return [...explicit, ...relative].sort((a, b) => a.start - b.start);
}

/**
 * The paragraph with each resolved relative phrase replaced by its explicit date. A date
 * that opens a clause gets its closing comma ("On Saturday, October 17, our partners …");
 * one followed by punctuation does not ("… on Wednesday, November 18.").
 */
export function rewriteRelative(text: string, phrases: DatePhrase[]): string {
  let out = '';
  let at = 0;
  for (const p of phrases) {
    if (p.kind !== 'relative' || p.replacement === undefined) continue;
    out += text.slice(at, p.start) + p.replacement;
    at = p.end;
    const rest = text.slice(p.end);
    if (!p.replacement.endsWith(')') && /^\s+[\p{L}\p{N}"“‘'(]/u.test(rest)) out += ',';
  }
  return out + text.slice(at);
}
