// Where on the week form a problem found by `check` belongs: a problem names its field by
// path (`requests[2].date`); one without a path (about the whole text) goes to the top.
// Request indexes are the YAML's; the form may hold removed requests too, so they are mapped
// back to the form's own.
import { basename } from 'node:path';
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

export function placeProblems(problems: FieldProblem[], draftIndex: number[]): PlacedProblem[] {
  return problems.map((p) => {
    const path = p.path;
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
