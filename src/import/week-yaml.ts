// Writes an imported week as the text of prompts/<monday>.yaml. Written by hand rather than
// by a YAML library so the layout matches the hand-written files and the `# confirm`
// comments sit right above the text they are about; `readBack` checks the result parses
// to exactly what was meant.
import { parse } from 'yaml';
import type { LocalDate, RequestAudience, Verse } from '../core/types.js';

export interface ImportedRequest {
  region: string;
  id: string;
  /** Written only when set (the importer never sets one; the coordinator page may). */
  title?: string;
  /** Paragraphs separated by a blank line, no trailing newline. */
  text: string;
  date?: LocalDate;
  audience: RequestAudience;
  expires?: LocalDate;
  /** Comment lines written above `text:`, without the `# `. */
  comments: string[];
  /** The update's lines (1-based) its paragraphs start on, so the page can show warnings at the request. */
  lines?: number[];
}

export interface ImportedWeek {
  week: LocalDate;
  verse: Verse;
  requests: ImportedRequest[];
  /** One line each: `<region>: <paragraph>`. */
  notes: string[];
}

/** A double-quoted YAML scalar: always safe, whatever the text holds. */
export function doubleQuoted(text: string): string {
  const escaped = text.replace(/[\\"\u0000-\u001F\u007F\u0085\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `"${escaped}"`;
}

/** Plain when that reads back as the same string under YAML 1.1 and 1.2 alike, else quoted. */
export function scalar(text: string): string {
  const plainSafe =
    /^[\p{L}\p{N}][^\u0000-\u001F\u007F\u0085\u2028\u2029]*$/u.test(text) &&
    !/[:#]\s|\s#|:$|\s$|[[\]{},]/.test(text) &&
    // Nothing a YAML reader could take for a number, a boolean, null or a timestamp.
    !/^(?:[-+.\d:_eE]+|true|false|yes|no|on|off|y|n|null|~|\.inf|\.nan)$/i.test(text) &&
    !/^\d{4}-\d{1,2}-\d{1,2}(?:[Tt\s].*)?$/.test(text);
  return plainSafe ? text : doubleQuoted(text);
}

/** A date scalar: plain `2026-10-12`, as in the hand-written week files. */
function dateScalar(date: LocalDate): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date: ${date}`);
  return date;
}

/**
 * A request's date as typed on the coordinator page: plain when date-shaped, else quoted
 * text, so `check` reports it at its field instead of the writer refusing it.
 */
function requestDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : doubleQuoted(date);
}

/** A literal block (`|`) indented by `indent` spaces; blank lines stay blank. */
function block(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line.length === 0 ? '' : pad + line))
    .join('\n');
}

/**
 * Text as a literal block (`|`), or quoted when a block could not hold it exactly: empty
 * text, or a first line starting with a space (a block would need an indentation indicator).
 */
function textBlock(text: string, indent: number): string {
  if (text === '' || /^\s/.test(text) || /\s$/.test(text) || /[\u0000-\u0008\u000B-\u001F\u007F\u0085\u2028\u2029\r]/.test(text)) return doubleQuoted(text);
  return `|\n${block(text, indent)}`;
}

function comment(text: string, indent: number): string {
  return `${' '.repeat(indent)}# ${text.replace(/[\r\n]+/g, ' ')}`;
}

export function weekYaml(week: ImportedWeek): string {
  const out: string[] = [];
  out.push(`week: ${dateScalar(week.week)}`);
  out.push('verse:');
  out.push(`  text: ${doubleQuoted(week.verse.text)}`);
  out.push(`  reference: ${week.verse.reference === '' ? '""' : scalar(week.verse.reference)}`);
  if (week.requests.length === 0) {
    out.push('requests: []');
  } else {
    out.push('requests:');
    for (const r of week.requests) {
      out.push(`  - region: ${scalar(r.region)}`);
      out.push(`    id: ${scalar(r.id)}`);
      if (r.title !== undefined) out.push(`    title: ${scalar(r.title)}`);
      for (const c of r.comments) out.push(comment(c, 4));
      out.push(`    text: ${textBlock(r.text, 6)}`);
      if (r.date !== undefined) out.push(`    date: ${requestDate(r.date)}`);
      out.push(`    audience: ${scalar(r.audience)}`);
      if (r.expires !== undefined) out.push(`    expires: ${requestDate(r.expires)}`);
    }
  }
  if (week.notes.length > 0) out.push(`notes: ${textBlock(week.notes.join('\n'), 2)}`);
  return `${out.join('\n')}\n`;
}

/** What a week file holds, as plain data: what `readBack` compares. */
export function plainWeek(week: ImportedWeek): unknown {
  const data: Record<string, unknown> = {
    week: week.week,
    verse: { text: week.verse.text, reference: week.verse.reference },
    requests: week.requests.map((r) => ({
      region: r.region,
      id: r.id,
      ...(r.title !== undefined && { title: r.title }),
      text: textBlock(r.text, 0).startsWith('|') ? `${r.text}\n` : r.text,
      ...(r.date !== undefined && { date: r.date }),
      audience: r.audience,
      ...(r.expires !== undefined && { expires: r.expires }),
    })),
  };
  if (week.notes.length > 0) {
    const notes = week.notes.join('\n');
    data.notes = textBlock(notes, 0).startsWith('|') ? `${notes}\n` : notes;
  }
  return data;
}

function sameData(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return (
      sameData(ka, kb) &&
      ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

/**
 * Writes the week and checks that the text parses back to the same data; throws if not
 * (a bug here, never the user's input).
 */
export function writeWeekYaml(week: ImportedWeek): string {
  const text = weekYaml(week);
  const back: unknown = parse(text);
  if (!sameData(back, plainWeek(week))) {
    throw new Error(`internal error: the week file written for ${week.week} does not read back as written`);
  }
  return text;
}
