// The frame of every coordinator page and the pieces forms are built from, after the GOV.UK
// Design System: a visible label on every field, an error summary at the top ("There is a
// problem") linking to each field, each error repeated at its field in words that say how to
// fix it, and tags that say in words what colour only underlines.
//
// Templates are `hono/html` tagged templates: every interpolated value is escaped. There is
// no raw HTML string in src/web/ (grep for `raw(`).
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { CSRF_FIELD } from './security.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What every page frame needs: the nonce for the script, and the signed-in session if any. */
export interface Frame {
  nonce: string;
  /** Set when signed in: the nav and Sign out are shown. */
  csrf?: string;
  actor?: string;
  /** The nav item to mark as the current page. */
  current?: NavItem;
}

export type NavItem = 'overview' | 'import' | 'weeks' | 'tally';

const NAV: Array<{ item: NavItem; href: string; label: string }> = [
  { item: 'overview', href: '/coordinator', label: 'This week and next' },
  { item: 'import', href: '/coordinator/import', label: 'Import the update' },
  { item: 'weeks', href: '/coordinator/weeks', label: 'Weeks' },
  { item: 'tally', href: '/coordinator/tally', label: 'Tally' },
];

export function page(frame: Frame, opts: { title: string; hasErrors?: boolean }, content: Html): Html {
  const title = `${opts.hasErrors ? 'Error: ' : ''}${opts.title} – prayerbot coordinator`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<link rel="stylesheet" href="/coordinator/static/page.css">
<script nonce="${frame.nonce}" src="/coordinator/static/page.js" defer></script>
</head>
<body>
<a href="#main" class="skip-link">Skip to main content</a>
<header class="site-header">
  <div class="width header-row">
    <p class="site-name">prayerbot <span class="site-part">coordinator</span></p>
    ${frame.csrf !== undefined ? signOut(frame.csrf, frame.actor) : ''}
  </div>
  ${frame.csrf !== undefined ? nav(frame.current) : ''}
</header>
<main id="main" class="width" tabindex="-1">
${content}
</main>
</body>
</html>`;
}

function signOut(csrf: string, actor: string | undefined): Html {
  return html`<form method="post" action="/coordinator/sign-out" class="sign-out">
      ${actor !== undefined ? html`<span class="signed-in-as">Signed in as ${actor}</span>` : ''}
      ${csrfField(csrf)}
      <button type="submit" class="button button-secondary button-small">Sign out</button>
    </form>`;
}

function nav(current: NavItem | undefined): Html {
  return html`<nav class="width site-nav" aria-label="Coordinator pages">
    <ul>
      ${NAV.map(
        (n) => html`<li><a href="${n.href}"${n.item === current ? html` aria-current="page"` : ''}>${n.label}</a></li>`,
      )}
    </ul>
  </nav>`;
}

export function csrfField(csrf: string): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrf}">`;
}

// --- errors -------------------------------------------------------------------------------

export interface SummaryItem {
  /** The id of the field (or block) the item links to. */
  href: string;
  text: string;
  /** Small print after the text: the field's path and file:line:col. */
  where?: string;
}

/** "There is a problem", at the top of the page, each item linking to its field. */
export function errorSummary(items: SummaryItem[], title = 'There is a problem'): Html {
  if (items.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" data-focus-on-load>
  <h2 class="error-summary-title" id="error-summary-title">${title}</h2>
  <ul class="error-summary-list">
    ${items.map((i) => html`<li><a href="#${i.href}">${i.text}</a>${i.where ? html` <span class="where">${i.where}</span>` : ''}</li>`)}
  </ul>
</div>`;
}

/** An error repeated at its field. */
export function errorMessage(id: string, messages: Array<{ text: string; where?: string }>): Html {
  if (messages.length === 0) return html``;
  return html`<div class="error-message" id="${id}-error">
    ${messages.map((m) => html`<p><span class="tag tag-error">Error</span> ${m.text}${m.where ? html` <span class="where">${m.where}</span>` : ''}</p>`)}
  </div>`;
}

/** Notes the coordinator should read (import warnings, `# confirm` items). */
export function notice(kind: 'warning' | 'check' | 'success' | 'info', heading: string, body: Html, id?: string): Html {
  const tag = { warning: 'Warning', check: 'Check', success: 'Done', info: 'Note' }[kind];
  return html`<div class="notice notice-${kind}"${id ? html` id="${id}"` : ''}>
  <p class="notice-heading"><span class="tag tag-${kind}">${tag}</span> ${heading}</p>
  ${body}
</div>`;
}

// --- fields ---------------------------------------------------------------------------------

interface FieldBase {
  id: string;
  name: string;
  label: string;
  hint?: string;
  errors?: Array<{ text: string; where?: string }>;
  /** Extra classes on the input (width). */
  className?: string;
}

function describedBy(f: FieldBase): string | undefined {
  const ids = [f.hint ? `${f.id}-hint` : '', f.errors?.length ? `${f.id}-error` : ''].filter((x) => x !== '');
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function group(f: FieldBase, control: Html): Html {
  const failed = (f.errors?.length ?? 0) > 0;
  return html`<div class="field${failed ? ' field-error' : ''}">
  <label class="label" for="${f.id}">${f.label}</label>
  ${f.hint ? html`<div class="hint" id="${f.id}-hint">${f.hint}</div>` : ''}
  ${errorMessage(f.id, f.errors ?? [])}
  ${control}
</div>`;
}

function aria(f: FieldBase): Html {
  const by = describedBy(f);
  const invalid = (f.errors?.length ?? 0) > 0;
  return html`${by ? html` aria-describedby="${by}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`;
}

export function textInput(f: FieldBase & { value: string; type?: 'text' | 'date'; autocomplete?: string }): Html {
  return group(
    f,
    html`<input class="input ${f.className ?? ''}" id="${f.id}" name="${f.name}" type="${f.type ?? 'text'}" value="${f.value}"${
      f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''
    }${aria(f)}>`,
  );
}

export function textarea(f: FieldBase & { value: string; rows?: number; maxChars?: number }): Html {
  return group(
    f,
    html`<textarea class="textarea ${f.className ?? ''}" id="${f.id}" name="${f.name}" rows="${f.rows ?? 5}"${
      f.maxChars ? html` data-max-chars="${f.maxChars}"` : ''
    }${aria(f)}>${f.value}</textarea>`,
  );
}

export function select(f: FieldBase & { value: string; options: Array<{ value: string; label: string }> }): Html {
  return group(
    f,
    html`<select class="select" id="${f.id}" name="${f.name}"${aria(f)}>
    ${f.options.map((o) => html`<option value="${o.value}"${o.value === f.value ? html` selected` : ''}>${o.label}</option>`)}
  </select>`,
  );
}

/** Radios in a fieldset whose legend is the question. The first radio carries `id`, for links. */
export function radios(f: FieldBase & { value: string; options: Array<{ value: string; label: string; hint?: string }> }): Html {
  const failed = (f.errors?.length ?? 0) > 0;
  return html`<div class="field${failed ? ' field-error' : ''}">
  <fieldset class="fieldset"${describedBy(f) ? html` aria-describedby="${describedBy(f)!}"` : ''}>
    <legend class="label">${f.label}</legend>
    ${f.hint ? html`<div class="hint" id="${f.id}-hint">${f.hint}</div>` : ''}
    ${errorMessage(f.id, f.errors ?? [])}
    <div class="radios">
      ${f.options.map((o, i) => {
        const id = i === 0 ? f.id : `${f.id}-${i + 1}`;
        return html`<div class="radio">
        <input type="radio" id="${id}" name="${f.name}" value="${o.value}"${o.value === f.value ? html` checked` : ''}${
          o.hint ? html` aria-describedby="${id}-item-hint"` : ''
        }>
        <label for="${id}">${o.label}</label>
        ${o.hint ? html`<div class="hint radio-hint" id="${id}-item-hint">${o.hint}</div>` : ''}
      </div>`;
      })}
    </div>
  </fieldset>
</div>`;
}

export function checkbox(f: { id: string; name: string; value: string; label: string; checked?: boolean }): Html {
  return html`<div class="checkbox">
  <input type="checkbox" id="${f.id}" name="${f.name}" value="${f.value}"${f.checked ? html` checked` : ''}>
  <label for="${f.id}">${f.label}</label>
</div>`;
}

/** A small table that scrolls sideways on a phone instead of squeezing. */
/** `captionHidden`: the caption is for screen readers only (a heading above already says it). */
export function scrollTable(caption: string, head: string[], rows: Html[][], opts: { numeric?: number[]; captionHidden?: boolean } = {}): Html {
  const numeric = new Set(opts.numeric ?? []);
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}">
  <table class="table">
    <caption class="${opts.captionHidden ? 'visually-hidden' : 'table-caption'}">${caption}</caption>
    <thead><tr>${head.map((h, i) => html`<th scope="col"${numeric.has(i) ? html` class="numeric"` : ''}>${h}</th>`)}</tr></thead>
    <tbody>
      ${rows.map((r) => html`<tr>${r.map((cell, i) => html`<td${numeric.has(i) ? html` class="numeric"` : ''}>${cell}</td>`)}</tr>`)}
    </tbody>
  </table>
</div>`;
}
