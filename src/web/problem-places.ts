// Where on the week form a problem found by `check` belongs. A problem names its field by
// path (`requests[2].date`); one without a path is placed by its line in the YAML the form
// was written to. Request indexes are the YAML's; the form may hold removed requests too, so
// they are mapped back to the form's own.
import { basename } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { FieldProblem } from './ports.js';

export interface PlacedProblem {
  /** The id of the field (or block) on the form. */
  fieldId: string;
  /** Where a person finds it: "Request 3: Date". */
  label: string;
  message: string;
  /** The field's path and file:line:col, as `check` prints them. */
  where: string;
  severity: 'error' | 'warning';
}

export const REQUEST_FIELDS = ['region', 'title', 'text', 'date', 'audience', 'expires'] as const;
const FIELD_LABELS: Record<string, string> = {
  region: 'Region',
  title: 'Title',
  text: 'Request text',
  date: 'Date',
  audience: 'Who may see it',
  expires: 'Expires',
};

interface Span {
  path: string;
  from: number;
  to: number;
}

/** Every field's path in the YAML with the lines it spans. */
function spans(yaml: string): Span[] {
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines });
  const out: Span[] = [];
  const add = (path: string, key: Node | null | unknown, value: Node | null | unknown) => {
    const start = (key as Node | null)?.range?.[0] ?? (value as Node | null)?.range?.[0];
    const end = (value as Node | null)?.range?.[1] ?? start;
    if (start === undefined || end === undefined) return;
    out.push({ path, from: lines.linePos(start).line, to: lines.linePos(Math.max(start, end - 1)).line });
  };
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    add(name, pair.key, pair.value);
    if (isMap(pair.value)) {
      for (const inner of pair.value.items) if (isScalar(inner.key)) add(`${name}.${String(inner.key.value)}`, inner.key, inner.value);
    }
    if (name === 'requests' && isSeq(pair.value)) {
      pair.value.items.forEach((item, i) => {
        add(`requests[${i}]`, null, item);
        if (isMap(item)) for (const inner of item.items) if (isScalar(inner.key)) add(`requests[${i}].${String(inner.key.value)}`, inner.key, inner.value);
      });
    }
  }
  return out;
}

/** The narrowest field whose lines hold `line`. */
function pathAtLine(all: Span[], line: number): string | undefined {
  let best: Span | undefined;
  for (const s of all) if (s.from <= line && line <= s.to && (!best || s.to - s.from < best.to - best.from || (s.to - s.from === best.to - best.from && s.path.length > best.path.length))) best = s;
  return best?.path;
}

export function placeProblems(problems: FieldProblem[], yaml: string, draftIndex: number[]): PlacedProblem[] {
  let located: Span[] | undefined;
  return problems.map((p) => {
    const path = p.path ?? pathAtLine((located ??= spans(yaml)), p.line);
    const where = `${path ? `${path} · ` : ''}${basename(p.file)}:${p.line}:${p.col}`;
    return { ...place(path, draftIndex), message: p.message, where, severity: p.severity };
  });
}

function place(path: string | undefined, draftIndex: number[]): { fieldId: string; label: string } {
  const request = path ? /^requests\[(\d+)\](?:\.([A-Za-z]+))?/.exec(path) : null;
  if (request) {
    const i = draftIndex[Number(request[1])] ?? Number(request[1]);
    const field = request[2];
    if (field && (REQUEST_FIELDS as readonly string[]).includes(field)) {
      return { fieldId: `requests-${i}-${field}`, label: `Request ${i + 1}: ${FIELD_LABELS[field]}` };
    }
    return { fieldId: `request-${i}`, label: `Request ${i + 1}` };
  }
  if (path === 'verse.reference') return { fieldId: 'verse-reference', label: 'Verse reference' };
  if (path === 'verse' || path === 'verse.text') return { fieldId: 'verse-text', label: 'Verse' };
  if (path === 'notes') return { fieldId: 'notes', label: 'Notes' };
  if (path === 'requests') return { fieldId: 'requests-heading', label: 'Requests' };
  return { fieldId: 'week-heading', label: 'The week' };
}
