// A week as the coordinator page edits it: every field as the text typed, so a wrong date
// can be shown back at its field. Built from an import, from a saved week's YAML, or from a
// posted form; written out as a week file by the importer's own writer.
import { parseYamlText } from '../config/yaml-source.js';
import { weekday } from '../core/time.js';
import type { LocalDate, Problem } from '../core/types.js';
import type { ImportWarning } from '../import/import-update.js';
import { weekFileYaml, type ImportedWeek, type WeekFileRequest } from '../import/week-yaml.js';

export interface RequestDraft {
  /** Kept as it was: the request's key (`<week>/<id>`) is what retractions and the ledger name. Empty for a new one. */
  id: string;
  region: string;
  title: string;
  text: string;
  date: string;
  audience: string;
  expires: string;
  /** `# confirm` / `# check` notes from the importer, kept above `text:` until ticked off. */
  comments: string[];
  /** Indexes of `comments` ticked as checked: left out when saved. */
  checked: number[];
  /** Import warnings about this request's paragraphs. */
  warnings: string[];
  remove: boolean;
}

export interface WeekDraft {
  week: LocalDate;
  verseText: string;
  verseReference: string;
  requests: RequestDraft[];
  notes: string;
  /** Import warnings about the whole update, the verse, and the notes. */
  warnings: string[];
  verseWarnings: string[];
  notesWarnings: string[];
}

/** The most requests one form may carry (a week has a handful; this only bounds a bad post). */
export const MAX_REQUESTS = 200;

export function emptyRequest(): RequestDraft {
  return { id: '', region: '', title: '', text: '', date: '', audience: 'staff', expires: '', comments: [], checked: [], warnings: [], remove: false };
}

export function isMonday(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && weekday(value) === 1;
}

/** An import's week, with each warning placed at the request whose paragraph it is about. */
export function draftFromImport(week: ImportedWeek, warnings: ImportWarning[]): WeekDraft {
  const draft: WeekDraft = {
    week: week.week,
    verseText: week.verse.text,
    verseReference: week.verse.reference,
    requests: week.requests.map((r) => ({
      id: r.id,
      region: r.region,
      title: '',
      text: r.text,
      date: r.date ?? '',
      audience: r.audience,
      expires: '',
      comments: [...r.comments],
      checked: [],
      warnings: [],
      remove: false,
    })),
    notes: week.notes.join('\n'),
    warnings: [],
    verseWarnings: [],
    notesWarnings: [],
  };
  for (const w of warnings) {
    const text = w.line !== undefined ? `Line ${w.line} of the update: ${w.message}` : w.message;
    const at = w.line !== undefined ? week.requests.findIndex((r) => r.lines?.includes(w.line!)) : -1;
    if (at >= 0) draft.requests[at]!.warnings.push(text);
    else if (/\bverse\b/.test(w.message)) draft.verseWarnings.push(text);
    else if (/\bnotes\b/.test(w.message)) draft.notesWarnings.push(text);
    else draft.warnings.push(text);
  }
  return draft;
}

/**
 * A week file's text as a draft; lenient about its fields, so a week with errors can be
 * opened and fixed. Undefined (with the reasons) when the text is not YAML at all.
 */
export function draftFromYaml(week: LocalDate, yaml: string): { draft?: WeekDraft; problems: Problem[] } {
  const parsed = parseYamlText(`${week}.yaml`, yaml);
  if (!parsed.source) return { problems: parsed.problems };
  const source = parsed.source;
  const top = record(source.data);
  const verse = record(top['verse']);
  const list = Array.isArray(top['requests']) ? (top['requests'] as unknown[]) : [];
  const lines = yaml.split(/\r?\n/);
  // A request without an id has `<region>-<n>` (n counting its region's requests): written
  // out, so saving on the page keeps every request's key.
  const counts = new Map<string, number>();
  const requests = list.slice(0, MAX_REQUESTS).map((item, i): RequestDraft => {
    const r = record(item);
    const region = text(r['region']);
    const n = (counts.get(region) ?? 0) + 1;
    counts.set(region, n);
    return {
      id: r['id'] === undefined ? (region !== '' ? `${region}-${n}` : '') : text(r['id']),
      region: text(r['region']),
      title: text(r['title']).trim(),
      text: text(r['text']).trim(),
      date: text(r['date']),
      audience: r['audience'] === undefined ? 'staff' : text(r['audience']),
      expires: text(r['expires']),
      comments: r['text'] === undefined ? [] : commentsAbove(lines, source.locate(['requests', i, 'text'], 'key').line),
      checked: [],
      warnings: [],
      remove: false,
    };
  });
  const draft: WeekDraft = {
    week,
    verseText: text(verse['text']).trim(),
    verseReference: text(verse['reference']).trim(),
    requests,
    notes: text(top['notes']).trim(),
    warnings: [],
    verseWarnings: [],
    notesWarnings: [],
  };
  return { draft, problems: [] };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** The `# …` lines just above line `line` (1-based): the importer's notes above `text:`. */
function commentsAbove(lines: string[], line: number): string[] {
  const found: string[] = [];
  for (let i = line - 2; i >= 0; i--) {
    const m = /^\s*#\s?(.*)$/.exec(lines[i] ?? '');
    if (!m) break;
    found.unshift(m[1]!.trim());
  }
  return found.filter((c) => c !== '');
}

/** A posted form's fields: a value, or several (repeated names). */
export type FormFields = Record<string, string | string[]>;

/** Form text as the week file should hold it: LF line ends, no control characters. */
export function clean(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

function one(fields: FormFields, name: string): string {
  const v = fields[name];
  return clean(Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
}

function all(fields: FormFields, name: string): string[] {
  const v = fields[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(clean);
}

/** The week a posted form edits, or undefined when its hidden `week` field is not a Monday. */
export function draftFromForm(fields: FormFields): WeekDraft | undefined {
  const week = one(fields, 'week');
  if (!isMonday(week)) return undefined;
  const indexes = new Set<number>();
  for (const name of Object.keys(fields)) {
    const m = /^requests\[(\d{1,4})\]\./.exec(name);
    if (m) indexes.add(Number(m[1]));
  }
  const requests = [...indexes]
    .sort((a, b) => a - b)
    .slice(0, MAX_REQUESTS)
    .map((i): RequestDraft => {
      const f = (field: string) => one(fields, `requests[${i}].${field}`);
      return {
        id: f('id').trim(),
        region: f('region').trim(),
        title: f('title').trim(),
        text: f('text').trim(),
        date: f('date').trim(),
        audience: f('audience').trim(),
        expires: f('expires').trim(),
        comments: all(fields, `requests[${i}].comment`),
        checked: all(fields, `requests[${i}].checked`).map(Number).filter(Number.isInteger),
        warnings: all(fields, `requests[${i}].warning`),
        remove: f('remove') === 'yes',
      };
    });
  return {
    week,
    verseText: one(fields, 'verse.text').trim(),
    verseReference: one(fields, 'verse.reference').trim(),
    requests,
    notes: one(fields, 'notes').trim(),
    warnings: all(fields, 'warning'),
    verseWarnings: all(fields, 'verse.warning'),
    notesWarnings: all(fields, 'notes.warning'),
  };
}

export interface WrittenWeek {
  yaml: string;
  /** For each request in the YAML, its index in the draft (removed requests are not written). */
  draftIndex: number[];
}

/** A new request's id: `<region>-<n>` with the first n no other request of the week has. */
function freshId(region: string, taken: Set<string>): string {
  const base = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(region) ? region : 'request';
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** The draft as a week file, written the way `prayerbot import` writes one. */
export function yamlOfDraft(draft: WeekDraft): WrittenWeek {
  const kept = draft.requests.map((r, i) => ({ r, i })).filter(({ r }) => !r.remove);
  const taken = new Set(kept.map(({ r }) => r.id).filter((id) => id !== ''));
  const requests: WeekFileRequest[] = kept.map(({ r }) => {
    let id = r.id;
    if (id === '') {
      id = freshId(r.region, taken);
      taken.add(id);
    }
    return {
      region: r.region,
      id,
      ...(r.title !== '' && { title: r.title }),
      text: r.text,
      ...(r.date !== '' && { date: r.date }),
      audience: r.audience === '' ? 'staff' : r.audience,
      ...(r.expires !== '' && { expires: r.expires }),
      comments: r.comments.filter((_, k) => !r.checked.includes(k)),
    };
  });
  const yaml = weekFileYaml({
    week: draft.week,
    verse: { text: draft.verseText, reference: draft.verseReference },
    requests,
    ...(draft.notes !== '' && { notes: draft.notes }),
  });
  return { yaml, draftIndex: kept.map(({ i }) => i) };
}
