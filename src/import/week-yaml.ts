// Writes a week as the text of prompts/<monday>.yaml. The layout is written here rather
// than by a YAML library's dumper, so it matches the hand-written files and the `# confirm`
// comments sit right above the text they are about; js-yaml only formats each scalar (plain
// when that is safe, else quoted). Every text written is read back and compared with what
// was meant, so a bug here can never write a file that says something else.
import {
  CORE_SCHEMA,
  DEFAULT_SCALAR_STYLE_RULES,
  dump,
  load,
  SCALAR_STYLE,
  type DumpOptions,
  type ScalarStyleRule,
} from 'js-yaml';
import type { LocalDate, RequestAudience, Verse, WeekPlan } from '../core/types.js';

export interface ImportedRequest {
  region: string;
  id: string;
  /** Paragraphs separated by a blank line, no trailing newline. */
  text: string;
  date?: LocalDate;
  audience: RequestAudience;
  /** Comment lines written above `text:`, without the `# `. */
  comments: string[];
  /** The update's lines (1-based) its paragraphs start on: the coordinator page shows warnings there. */
  lines?: number[];
}

export interface ImportedWeek {
  week: LocalDate;
  verse: Verse;
  requests: ImportedRequest[];
  /** One line each: `<region>: <paragraph>`. */
  notes: string[];
}

/** One request as a week file holds it; `id` left out means the default `<region>-<n>`. */
export interface WeekFileRequest {
  region: string;
  id?: string;
  title?: string;
  text: string;
  date?: string;
  audience?: string;
  expires?: string;
  /** The request in other languages, by BCP 47 tag (a coordinator's; `import` writes none). */
  translations?: Readonly<Record<string, { text: string; title?: string }>>;
  /** Comment lines written above `text:`, without the `# `. */
  comments?: string[];
}

/** Everything a week file holds, as a form or `import` has it. */
export interface WeekFile {
  week: string;
  verse: { text: string; reference: string; translations?: Readonly<Record<string, { text: string; reference: string }>> };
  requests: WeekFileRequest[];
  notes?: string;
}

// Scalars on one line only: a multi-line text would be folded over lines this file's layout
// does not indent for, so it is double-quoted (`\n`) instead.
const oneLine: ScalarStyleRule = (layout) => {
  if (layout.style === SCALAR_STYLE.PLAIN && /[\n\r]/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
};
const R = DEFAULT_SCALAR_STYLE_RULES;
const SCALAR_OPTIONS: DumpOptions = {
  lineWidth: -1,
  quoteStyle: 'double',
  // js-yaml's defaults (its dump schema quotes whatever a YAML 1.1 or 1.2 reader would not
  // read back as text), without literal blocks, which this file's layout writes itself.
  scalarStyleRules: [
    R.applyQuoteFlowKeysOption,
    R.doubleQuoteForInvisibles,
    R.doubleQuoteWhitespaceOnly,
    R.applyForceQuotesOption,
    R.quoteInvalidPlain,
    oneLine,
    R.fallbackToDoubleQuoted,
  ],
};

function dumpScalar(text: string, options: DumpOptions): string {
  const written = dump(text, options).replace(/\n$/, '');
  if (written.includes('\n')) throw new Error('internal error: a scalar was written over several lines');
  return written;
}

/** Plain when that reads back as the same string under YAML 1.1 and 1.2 alike, else quoted. */
export function scalar(text: string): string {
  return dumpScalar(text, SCALAR_OPTIONS);
}

/** A double-quoted YAML scalar: always safe, whatever the text holds. */
export function doubleQuoted(text: string): string {
  return dumpScalar(text, { ...SCALAR_OPTIONS, forceQuotes: true });
}

/** A date: plain `2026-10-12`, as in the hand-written week files (anything else as text). */
function dateScalar(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : scalar(date);
}

/**
 * Whether `text` can be a literal block (`|`) that reads back as `text` plus its one final
 * newline: not empty, no space at either end, nothing a block cannot hold.
 */
function blockSafe(text: string): boolean {
  return (
    text !== '' &&
    !/^\s|\s$/.test(text) &&
    !/[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFEFF]|\p{Cs}/u.test(text)
  );
}

/** `key: |` and the text indented by `indent` spaces (blank lines stay blank), or a quoted scalar. */
function textField(key: string, text: string, indent: number): string[] {
  const pad = ' '.repeat(indent - 2);
  if (!blockSafe(text)) return [`${pad}${key}: ${doubleQuoted(text)}`];
  const body = text.split('\n').map((line) => (line.length === 0 ? '' : ' '.repeat(indent) + line));
  return [`${pad}${key}: |`, ...body];
}

/** The value a text field reads back as. */
function readBackText(text: string): string {
  return blockSafe(text) ? `${text}\n` : text;
}

function comment(text: string, indent: number): string {
  return `${' '.repeat(indent)}# ${text.replace(/[\r\n]+/g, ' ')}`;
}

/** The text of a week file. Pure; throws only on a bug (text that would not read back). */
export function weekFileYaml(week: WeekFile): string {
  const out: string[] = [];
  out.push(`week: ${dateScalar(week.week)}`);
  out.push('verse:');
  out.push(`  text: ${doubleQuoted(week.verse.text)}`);
  out.push(`  reference: ${scalar(week.verse.reference)}`);
  if (week.verse.translations !== undefined) {
    out.push('  translations:');
    for (const [tag, t] of Object.entries(week.verse.translations)) {
      out.push(`    ${scalar(tag)}:`, `      text: ${doubleQuoted(t.text)}`, `      reference: ${scalar(t.reference)}`);
    }
  }
  if (week.requests.length === 0) {
    out.push('requests: []');
  } else {
    out.push('requests:');
    for (const r of week.requests) {
      out.push(`  - region: ${scalar(r.region)}`);
      if (r.id !== undefined) out.push(`    id: ${scalar(r.id)}`);
      if (r.title !== undefined) out.push(`    title: ${scalar(r.title)}`);
      for (const c of r.comments ?? []) out.push(comment(c, 4));
      out.push(...textField('text', r.text, 6));
      if (r.date !== undefined) out.push(`    date: ${dateScalar(r.date)}`);
      if (r.audience !== undefined) out.push(`    audience: ${scalar(r.audience)}`);
      if (r.expires !== undefined) out.push(`    expires: ${dateScalar(r.expires)}`);
      if (r.translations !== undefined) {
        out.push('    translations:');
        for (const [tag, t] of Object.entries(r.translations)) {
          out.push(`      ${scalar(tag)}:`);
          if (t.title !== undefined) out.push(`        title: ${scalar(t.title)}`);
          out.push(...textField('text', t.text, 10));
        }
      }
    }
  }
  if (week.notes !== undefined && week.notes !== '') out.push(...textField('notes', week.notes, 2));
  const text = `${out.join('\n')}\n`;
  if (!sameData(load(text, { schema: CORE_SCHEMA }), plainWeek(week))) {
    throw new Error(`internal error: the week file written for ${week.week} does not read back as written`);
  }
  return text;
}

/** What a week file holds, as plain data: what the written text must read back as. */
function plainWeek(week: WeekFile): unknown {
  const data: Record<string, unknown> = {
    week: week.week,
    verse: {
      text: week.verse.text,
      reference: week.verse.reference,
      ...(week.verse.translations !== undefined && { translations: week.verse.translations }),
    },
    requests: week.requests.map((r) => ({
      region: r.region,
      ...(r.id !== undefined && { id: r.id }),
      ...(r.title !== undefined && { title: r.title }),
      text: readBackText(r.text),
      ...(r.date !== undefined && { date: r.date }),
      ...(r.audience !== undefined && { audience: r.audience }),
      ...(r.expires !== undefined && { expires: r.expires }),
      ...(r.translations !== undefined && {
        translations: Object.fromEntries(
          Object.entries(r.translations).map(([tag, t]) => [tag, { ...(t.title !== undefined && { title: t.title }), text: readBackText(t.text) }]),
        ),
      }),
    })),
  };
  if (week.notes !== undefined && week.notes !== '') data.notes = readBackText(week.notes);
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

/** A request (imported, or loaded) as a week file holds it, with its id written out. */
function idsWrittenOut(r: Omit<WeekFileRequest, 'id' | 'comments'> & { id: string }): WeekFileRequest {
  return {
    region: r.region,
    id: r.id,
    ...(r.title !== undefined ? { title: r.title } : {}),
    text: r.text,
    ...(r.date !== undefined ? { date: r.date } : {}),
    audience: r.audience,
    ...(r.expires !== undefined ? { expires: r.expires } : {}),
  };
}

/** An imported week as a week file: ids written out, comments above the text they are about. */
export function weekYaml(week: ImportedWeek): string {
  return weekFileYaml({
    week: week.week,
    verse: week.verse,
    requests: week.requests.map((r) => ({ ...idsWrittenOut(r), comments: r.comments })),
    ...(week.notes.length > 0 ? { notes: week.notes.join('\n') } : {}),
  });
}

/** `weekYaml`, kept under the name `import` uses: the text is checked to read back as meant. */
export const writeWeekYaml = weekYaml;

/**
 * A loaded week back as week-file text (ids written out), e.g. after a coordinator edited
 * it in a form: `readWeekText` of the result gives the same week.
 */
export function weekPlanYaml(plan: WeekPlan): string {
  return weekFileYaml({
    week: plan.week,
    verse: plan.verse,
    requests: plan.requests.map((r) => ({ ...idsWrittenOut(r), ...(r.translations !== undefined ? { translations: r.translations } : {}) })),
    ...(plan.notes !== undefined ? { notes: plan.notes } : {}),
  });
}
