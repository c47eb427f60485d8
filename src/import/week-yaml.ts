// Writes an imported week as the text of prompts/<monday>.yaml. Written by hand rather than
// by a YAML library so the layout matches the hand-written files and the `# confirm`
// comments sit right above the text they are about; `readBack` checks the result parses
// to exactly what was meant.
import { parse } from 'yaml';
import type { LocalDate, RequestAudience, Verse } from '../core/types.js';

export interface ImportedRequest {
  region: string;
  id: string;
  /** Paragraphs separated by a blank line, no trailing newline. */
  text: string;
  date?: LocalDate;
  audience: RequestAudience;
  /** Comment lines written above `text:`, without the `# `. */
  comments: string[];
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

/** A literal block (`|`) indented by `indent` spaces; blank lines stay blank. */
function block(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line.length === 0 ? '' : pad + line))
    .join('\n');
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
      for (const c of r.comments) out.push(comment(c, 4));
      out.push('    text: |');
      out.push(block(r.text, 6));
      if (r.date !== undefined) out.push(`    date: ${dateScalar(r.date)}`);
      out.push(`    audience: ${r.audience}`);
    }
  }
  if (week.notes.length > 0) {
    out.push('notes: |');
    out.push(block(week.notes.join('\n'), 2));
  }
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
      text: `${r.text}\n`,
      ...(r.date !== undefined && { date: r.date }),
      audience: r.audience,
    })),
  };
  if (week.notes.length > 0) data.notes = `${week.notes.join('\n')}\n`;
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
