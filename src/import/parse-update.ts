// Reads the plain-text weekly update into its parts: the verse, the region sections and
// their paragraphs. It decides nothing about dates or what is posted (import-update.ts does).
//
// The text as coordinators send it (see test/fixtures/samples/): a quoted verse, its reference on
// a line starting with a dash, then a short heading line per region followed by that
// region's paragraphs, then a sensitivity notice. Tolerated: CRLF line endings, blank lines
// between paragraphs or none, curly or straight quotes, a reference starting with – — or -,
// headings with extra words ("IJM Global Office & Partners"), decorated headings ("## Asia
// Pacific", "**LatAm:**"), and lines wrapped by a mail program.
import { normalizeName } from '../core/names.js';
import type { Region } from '../core/types.js';

/** A paragraph and the line it starts on (1-based). */
export interface Paragraph {
  text: string;
  line: number;
  /**
   * A short title-case line that names no region ("Middle East"): maybe a heading the config
   * does not know. Kept as a paragraph of the section it sits in, and flagged.
   */
  headingLike?: boolean;
}

export interface Section {
  /** The heading as written. */
  heading: string;
  line: number;
  region: Region;
  paragraphs: Paragraph[];
}

export interface ParsedVerse {
  text: string;
  /** Empty when none was found. */
  reference: string;
  line: number;
}

export interface ParseWarning {
  line: number;
  message: string;
}

export interface ParsedUpdate {
  verse?: ParsedVerse;
  /** Text before the first heading that is not the verse (a greeting, a title…). */
  preamble: Paragraph[];
  sections: Section[];
  /** The closing sensitivity notice, dropped. */
  notice: Paragraph[];
  warnings: ParseWarning[];
}

/** Words that make a paragraph a request: it asks for prayer, praise or thanks. */
const ASK = /\b(?:pray\w*|prais\w*|thank\w*|ask\w*)\b/i;

export function asksForSomething(text: string): boolean {
  return ASK.test(text);
}

/** Names are compared as everywhere else (src/core/names.ts). */
export const normalise = normalizeName;

interface Line {
  text: string;
  line: number;
}

const OPEN_QUOTE = /^["“”„«‘’']/;
const CLOSE_QUOTE = /["“”»‘’']$/;
const DASH_REFERENCE = /^[–—―-]+\s*(\S.*)$/;
const QUOTE_THEN_REFERENCE = /^(.*["“”»‘’'])\s*[–—―-]+\s*(\S.*)$/;
/** "Micah 6:8", "1 John 3:18", "Song of Songs 2:4 (NIV)", "Psalm 82:3–4". */
const BIBLE_REFERENCE =
  /^(?:[1-3]\s?)?\p{Lu}[\p{L}.]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}.]*)*\s+\d+(?::\d+(?:\s*[-–]\s*\d+(?::\d+)?)?)?(?:\s*\([A-Z]+\))?$/u;
const END_PUNCTUATION = /[.!?,;…]$/;
/** A line that ends a sentence (or a quotation), so the next line starts a new paragraph. */
const FINISHED = /[.!?:;…"“”’')\]]$/;
const MAX_HEADING_WORDS = 8;
const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', 'to', '&', '+', '/', '-', '–', '—']);

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/** A heading without its decoration: "## Asia Pacific", "**LatAm:**", "- Africa". */
function undecorated(text: string): string {
  return text
    .replace(/^[#*_=~>\s]+/, '')
    .replace(/[*_=~\s]+$/, '')
    .replace(/\s*:$/, '')
    .trim();
}

interface RegionMatch {
  region: Region;
  /** Other regions the line also names. */
  others: Region[];
}

interface Term {
  region: Region;
  words: string;
}

function termsOf(regions: Region[]): Term[] {
  const terms: Term[] = [];
  for (const region of regions) {
    for (const t of [region.name, region.id, ...region.aliases]) {
      const w = normalise(t);
      if (w.length > 0) terms.push({ region, words: w });
    }
  }
  return terms;
}

/**
 * The region a line heads, if it is a heading: at most 8 words, no end punctuation, and it
 * names a region, an alias, or contains one. A line that asks for prayer ("Pray for India")
 * is a paragraph unless it is exactly a region's name or alias.
 */
export function headingRegion(raw: string, terms: Term[]): RegionMatch | undefined {
  const text = undecorated(raw);
  // A quotation (the verse) is never a heading.
  if (text.length === 0 || END_PUNCTUATION.test(text) || OPEN_QUOTE.test(text)) return undefined;
  if (words(text).length > MAX_HEADING_WORDS) return undefined;
  const norm = normalise(text);
  if (norm.length === 0) return undefined;
  const padded = ` ${norm} `;
  const matches = terms.filter((t) => padded.includes(` ${t.words} `));
  if (matches.length === 0) return undefined;
  if (asksForSomething(text) && !matches.some((t) => t.words === norm)) return undefined;
  // The longest name wins ("South Asia" over a shorter alias of another region).
  matches.sort((a, b) => b.words.length - a.words.length);
  const region = matches[0]!.region;
  const own = matches.filter((t) => t.region === region).map((t) => ` ${t.words} `);
  // Another region counts only for words of its own, not inside one of the winner's names.
  const others = [...new Set(matches.filter((t) => !own.some((o) => o.includes(` ${t.words} `))).map((t) => t.region))];
  return { region, others };
}

/** A short title-case line that names no region: maybe an unknown heading. */
function looksLikeHeading(raw: string): boolean {
  const text = undecorated(raw);
  if (text.length === 0 || END_PUNCTUATION.test(text) || asksForSomething(text)) return false;
  const ws = words(text);
  if (ws.length > MAX_HEADING_WORDS) return false;
  return ws.every((w) => SMALL_WORDS.has(w.toLowerCase()) || /^[\p{Lu}\p{N}]/u.test(w)) && /^\p{Lu}/u.test(text);
}

/** Strips one pair of enclosing quotes. */
function unquote(text: string): string {
  let t = text.trim();
  if (OPEN_QUOTE.test(t)) t = t.slice(1);
  if (CLOSE_QUOTE.test(t)) t = t.slice(0, -1);
  return t.trim();
}

function isReferenceLine(text: string): string | undefined {
  const dash = DASH_REFERENCE.exec(text);
  if (dash) return dash[1]!.trim();
  return undefined;
}

/**
 * Finds the verse among the lines before the first heading. Returns the verse and the
 * indexes of the lines it used.
 */
function findVerse(pre: Array<Line | null>): { verse: ParsedVerse; used: Set<number> } | undefined {
  const used = new Set<number>();
  // A quoted verse: from a line opening a quote to the line that closes it.
  const open = pre.findIndex((l) => l !== null && OPEN_QUOTE.test(l.text));
  if (open >= 0) {
    const parts: string[] = [];
    let reference = '';
    let i = open;
    for (; i < pre.length; i++) {
      const l = pre[i];
      if (l === null || l === undefined) break;
      used.add(i);
      const sameLine = QUOTE_THEN_REFERENCE.exec(l.text);
      if (sameLine && (i > open || sameLine[1]!.length > 1)) {
        parts.push(sameLine[1]!);
        reference = sameLine[2]!.trim();
        break;
      }
      parts.push(l.text);
      if (CLOSE_QUOTE.test(l.text) && (i > open || l.text.length > 1)) break;
    }
    if (reference === '') {
      // The reference on the next non-blank line: "– Micah 6:8" or a bare "Micah 6:8".
      let j = i + 1;
      while (j < pre.length && pre[j] === null) j++;
      const next = pre[j];
      if (next) {
        const ref = isReferenceLine(next.text) ?? (BIBLE_REFERENCE.test(next.text) ? next.text : undefined);
        if (ref !== undefined) {
          reference = ref;
          used.add(j);
        }
      }
    }
    const first = pre[open]!;
    return { verse: { text: unquote(parts.join(' ')), reference, line: first.line }, used };
  }
  // An unquoted verse: the line(s) just above a "– Reference" line.
  const refIndex = pre.findIndex((l) => l !== null && isReferenceLine(l.text) !== undefined);
  if (refIndex <= 0 || pre[refIndex - 1] === null) return undefined;
  used.add(refIndex);
  let start = refIndex - 1;
  while (start > 0 && pre[start - 1] !== null && !FINISHED.test(pre[start - 1]!.text)) start--;
  const lines: string[] = [];
  for (let k = start; k < refIndex; k++) {
    used.add(k);
    lines.push(pre[k]!.text);
  }
  return {
    verse: { text: unquote(lines.join(' ')), reference: isReferenceLine(pre[refIndex]!.text)!, line: pre[start]!.line },
    used,
  };
}

/** Characters that have no place in a week file: controls (tabs become spaces), odd line breaks. */
function clean(text: string): string {
  return text
    .replace(/\uFEFF/g, '')
    .replace(/[\t\u00A0\u0085\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
    .trim();
}

/** Does `line` continue the paragraph whose last line is `previous` (no blank line between)? */
function continues(previous: string, line: string): boolean {
  // A line starting in lower case carries on a sentence ("them," / "please refrain…").
  if (/^\p{Ll}/u.test(line)) return true;
  // A long line cut mid-sentence by a mail program; a short unfinished line stands alone
  // (it may be a title or a heading the config does not know).
  return !FINISHED.test(previous) && words(previous).length > MAX_HEADING_WORDS;
}

/** The closing notice: "The updates we share … please refrain from posting … online." */
const NOTICE_START = /^the updates we share\b/i;
const NOTICE_ANY = /\brefrain from (?:posting|sharing)\b|\b(?:do not|don['’]t) (?:post|share|forward)\b.*\b(?:online|publicly|social media)\b/i;
const NOTICE_END = /\bonline\b[.!]?$|\brefrain\b/i;

/** Splits the closing sensitivity notice off a list of paragraphs. */
function dropNotice(paragraphs: Paragraph[]): { kept: Paragraph[]; notice: Paragraph[] } {
  const kept: Paragraph[] = [];
  const notice: Paragraph[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (NOTICE_ANY.test(p.text)) {
      notice.push(p);
      continue;
    }
    if (NOTICE_START.test(p.text)) {
      notice.push(p);
      // Through the paragraph that ends it ("…online."), at most three more.
      let j = i;
      while (!NOTICE_END.test(paragraphs[j]!.text) && j + 1 < paragraphs.length && j - i < 3) {
        j++;
        notice.push(paragraphs[j]!);
      }
      i = j;
      continue;
    }
    kept.push(p);
  }
  return { kept, notice };
}

export function parseUpdate(input: string, regions: Region[]): ParsedUpdate {
  const terms = termsOf(regions);
  const warnings: ParseWarning[] = [];
  const rawLines = input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  // null marks a blank line.
  const lines: Array<Line | null> = rawLines.map((t, i) => {
    const text = clean(t);
    return text.length === 0 ? null : { text, line: i + 1 };
  });

  const headings = new Map<number, RegionMatch>();
  lines.forEach((l, i) => {
    if (l === null) return;
    const match = headingRegion(l.text, terms);
    if (match) headings.set(i, match);
  });
  const firstHeading = headings.size > 0 ? Math.min(...headings.keys()) : lines.length;

  // The verse, among the lines before the first heading.
  const pre = lines.slice(0, firstHeading);
  const found = findVerse(pre);
  const skipped = found?.used ?? new Set<number>();

  const preamble: Paragraph[] = [];
  const sections: Section[] = [];
  let target: Paragraph[] = preamble;
  let last: { paragraph: Paragraph; lastLine: string } | undefined;
  lines.forEach((l, i) => {
    if (l === null || skipped.has(i)) {
      last = undefined;
      return;
    }
    const heading = headings.get(i);
    if (heading) {
      const section: Section = { heading: undecorated(l.text), line: l.line, region: heading.region, paragraphs: [] };
      if (heading.others.length > 0) {
        const names = heading.others.map((r) => r.name).join(', ');
        warnings.push({
          line: l.line,
          message: `heading "${section.heading}" also names ${names}: its text is filed under ${heading.region.name}`,
        });
      }
      sections.push(section);
      target = section.paragraphs;
      last = undefined;
      return;
    }
    if (last && continues(last.lastLine, l.text)) {
      last.paragraph.text += ` ${l.text}`;
      last.lastLine = l.text;
      return;
    }
    const paragraph: Paragraph = { text: l.text, line: l.line };
    if (looksLikeHeading(l.text)) paragraph.headingLike = true;
    target.push(paragraph);
    last = { paragraph, lastLine: l.text };
  });

  const notice: Paragraph[] = [];
  for (const section of sections) {
    const split = dropNotice(section.paragraphs);
    section.paragraphs = split.kept;
    notice.push(...split.notice);
  }
  const preSplit = dropNotice(preamble);
  notice.push(...preSplit.notice);

  const result: ParsedUpdate = { preamble: preSplit.kept, sections, notice, warnings };
  if (found) result.verse = found.verse;
  return result;
}
