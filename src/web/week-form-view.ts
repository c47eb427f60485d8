// The editable week: the verse, one block per request, the notes, and every import warning,
// `# confirm` note and `check` problem at the field it is about. Used after an import and to
// edit a saved week; it posts to POST /coordinator/weeks (Save week, or Add a request).
import { html } from 'hono/html';
import { MAX_REQUEST_CHARS } from '../config/week-schema.js';
import { formatLongDate } from '../core/time.js';
import type { Region } from '../core/types.js';
import { checkbox, csrfField, errorSummary, notice, radios, select, textarea, textInput, type Html } from './layout.js';
import type { PlacedProblem } from './problem-places.js';
import type { RequestDraft, WeekDraft } from './week-model.js';

export interface WeekFormOptions {
  csrf: string;
  regions: Region[];
  problems: PlacedProblem[];
  /** Where the form started: the import, or a saved week or file. */
  from: 'import' | 'edit';
}

function errorsAt(problems: PlacedProblem[], fieldId: string) {
  return problems.filter((p) => p.fieldId === fieldId && p.severity === 'error').map((p) => ({ text: p.message, where: p.where }));
}

function warningsAt(problems: PlacedProblem[], fieldId: string) {
  return problems.filter((p) => p.fieldId === fieldId && p.severity === 'warning').map((p) => `${p.message} (${p.where})`);
}

function list(items: string[]): Html {
  return html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}

function hidden(name: string, values: string[]): Html {
  return html`${values.map((v) => html`<input type="hidden" name="${name}" value="${v}">`)}`;
}

/** The error summary for the week form: errors first, each linking to its field. */
export function weekErrorSummary(problems: PlacedProblem[]): Html {
  const errors = problems.filter((p) => p.severity === 'error');
  return errorSummary(errors.map((p) => ({ href: p.fieldId, text: `${p.label}: ${p.message}`, where: p.where })));
}

export function weekForm(draft: WeekDraft, opts: WeekFormOptions): Html {
  const { problems } = opts;
  const topWarnings = [...draft.warnings, ...warningsAt(problems, 'week-heading')];
  const topErrors = errorsAt(problems, 'week-heading');
  return html`<form method="post" action="/coordinator/weeks" novalidate class="week-form">
  ${csrfField(opts.csrf)}
  <input type="hidden" name="week" value="${draft.week}">
  <input type="hidden" name="from" value="${opts.from}">
  ${hidden('warning', draft.warnings)}
  <h2 id="week-heading" tabindex="-1">Week of ${formatLongDate(draft.week)}</h2>
  ${topErrors.length > 0 ? html`<div class="field field-error">${topErrors.map((e) => html`<p class="error-message"><span class="tag tag-error">Error</span> ${e.text} <span class="where">${e.where}</span></p>`)}</div>` : ''}
  ${topWarnings.length > 0 ? notice('warning', 'About the whole update', list(topWarnings)) : ''}

  <h2>Verse</h2>
  ${hidden('verse.warning', draft.verseWarnings)}
  ${draft.verseWarnings.length > 0 ? notice('warning', 'About the verse', list(draft.verseWarnings)) : ''}
  ${textarea({ id: 'verse-text', name: 'verse.text', label: 'Verse', value: draft.verseText, rows: 3, errors: errorsAt(problems, 'verse-text') })}
  ${textInput({ id: 'verse-reference', name: 'verse.reference', label: 'Reference', hint: 'For example, Isaiah 1:17', value: draft.verseReference, className: 'input-short', errors: errorsAt(problems, 'verse-reference') })}

  <h2 id="requests-heading" tabindex="-1">Requests</h2>
  ${errorsAt(problems, 'requests-heading').map((e) => html`<p class="error-message"><span class="tag tag-error">Error</span> ${e.text}</p>`)}
  ${warningsAt(problems, 'requests-heading').length > 0 ? notice('warning', 'About the requests', list(warningsAt(problems, 'requests-heading'))) : ''}
  <p>${draft.requests.length === 1 ? '1 request' : `${draft.requests.length} requests`}. Each is posted on its region's day in the rotation, or on its own date when it has one.</p>
  ${draft.requests.map((r, i) => requestBlock(r, i, draft.requests.length, opts))}

  <h2>Notes</h2>
  ${hidden('notes.warning', draft.notesWarnings)}
  ${draft.notesWarnings.length > 0 ? notice('warning', 'Text kept in the notes', list(draft.notesWarnings)) : ''}
  ${textarea({
    id: 'notes',
    name: 'notes',
    label: 'Notes',
    hint: 'Never posted. Text from the update that asks for nothing, for the coordinators to read.',
    value: draft.notes,
    rows: 5,
    errors: errorsAt(problems, 'notes'),
  })}

  <div class="save-bar button-group">
    <button type="submit" name="action" value="save" class="button">Save week</button>
    <button type="submit" name="action" value="add" class="button button-secondary">Add a request</button>
  </div>
</form>`;
}

function requestBlock(r: RequestDraft, i: number, count: number, opts: WeekFormOptions): Html {
  const { problems } = opts;
  const id = (field: string) => `requests-${i}-${field}`;
  const name = (field: string) => `requests[${i}].${field}`;
  const blockErrors = errorsAt(problems, `request-${i}`);
  const failed = blockErrors.length > 0 || problems.some((p) => p.severity === 'error' && p.fieldId.startsWith(`requests-${i}-`));
  const regionOptions = [
    ...(r.region === '' ? [{ value: '', label: 'Choose a region' }] : []),
    ...opts.regions.map((g) => ({ value: g.id, label: g.name })),
    ...(r.region !== '' && !opts.regions.some((g) => g.id === r.region) ? [{ value: r.region, label: `${r.region} (not a region in the config)` }] : []),
  ];
  const warnings = [...r.warnings, ...warningsAt(problems, `request-${i}`)];
  return html`<fieldset class="request${failed ? ' request-error' : ''}" id="request-${i}" tabindex="-1">
  <legend>Request ${i + 1} of ${count}${r.id ? html` <span class="request-id">(${r.id})</span>` : html` <span class="request-id">(new)</span>`}</legend>
  <input type="hidden" name="${name('id')}" value="${r.id}">
  ${hidden(name('comment'), r.comments)}
  ${hidden(name('warning'), r.warnings)}
  ${blockErrors.length > 0 ? html`<div class="error-message">${blockErrors.map((e) => html`<p><span class="tag tag-error">Error</span> ${e.text} <span class="where">${e.where}</span></p>`)}</div>` : ''}
  ${warnings.length > 0 ? notice('warning', 'The importer warns about this request', list(warnings), `request-${i}-warnings`) : ''}
  ${r.comments.length > 0
    ? notice(
        'check',
        'Confirm before saving',
        html`<ul>${r.comments.map(
          (c, k) => html`<li>${c}${checkbox({ id: `${id('checked')}-${k}`, name: name('checked'), value: String(k), label: 'Checked: leave this note out of the saved week', checked: r.checked.includes(k) })}</li>`,
        )}</ul>`,
        `request-${i}-checks`,
      )
    : ''}
  ${select({ id: id('region'), name: name('region'), label: 'Region', value: r.region, options: regionOptions, errors: errorsAt(problems, id('region')) })}
  ${textInput({ id: id('title'), name: name('title'), label: 'Title (optional)', value: r.title, errors: errorsAt(problems, id('title')) })}
  ${textarea({
    id: id('text'),
    name: name('text'),
    label: 'Request text',
    hint: `At most ${MAX_REQUEST_CHARS.toLocaleString('en-US')} characters, so it fits one post.`,
    value: r.text,
    rows: 6,
    maxChars: MAX_REQUEST_CHARS,
    errors: errorsAt(problems, id('text')),
  })}
  ${textInput({
    id: id('date'),
    name: name('date'),
    label: 'Date (optional)',
    hint: "Leave empty to post it on its region's day. A date must fall in this week.",
    value: r.date,
    type: 'date',
    className: 'input-date',
    errors: errorsAt(problems, id('date')),
  })}
  ${radios({
    id: id('audience'),
    name: name('audience'),
    label: 'Who may see it',
    value: r.audience,
    options: [
      { value: 'staff', label: 'Staff only', hint: 'Posted only in staff channels.' },
      { value: 'everyone', label: 'Everyone', hint: 'Posted in volunteer channels too.' },
    ],
    errors: errorsAt(problems, id('audience')),
  })}
  ${textInput({
    id: id('expires'),
    name: name('expires'),
    label: 'Expires (optional)',
    hint: 'The day it comes down. Leave empty to keep the usual time.',
    value: r.expires,
    type: 'date',
    className: 'input-date',
    errors: errorsAt(problems, id('expires')),
  })}
  ${checkbox({ id: id('remove'), name: name('remove'), value: 'yes', label: 'Remove this request when saving', checked: r.remove })}
  <p></p>
</fieldset>`;
}
