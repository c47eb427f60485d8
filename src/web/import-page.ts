// "Import the update": the weekly email pasted in, read by the same importer as
// `prayerbot import`, and shown as an editable week with every warning at its request.
import { html } from 'hono/html';
import { isLocalDate, todayIn } from '../core/time.js';
import { importUpdate } from '../import/import-update.js';
import { csrfField, errorSummary, page, textarea, textInput } from './layout.js';
import type { CoordinatorDeps } from './ports.js';
import { clean, draftFromImport } from './week-model.js';
import { weekForm } from './week-form-view.js';
import { field, formFields, frameOf, signedIn, type WebContext } from './web-env.js';

/** A weekly update is a few thousand characters; this only bounds a mistaken paste. */
const MAX_UPDATE_CHARS = 1_000_000;

interface ImportErrors {
  update?: string;
  sent?: string;
}

function importForm(c: WebContext, values: { update: string; sent: string }, errors: ImportErrors): Promise<Response> | Response {
  const session = signedIn(c);
  const items = [
    ...(errors.update ? [{ href: 'update', text: errors.update }] : []),
    ...(errors.sent ? [{ href: 'sent', text: errors.sent }] : []),
  ];
  return c.html(
    page(
      frameOf(c, 'import'),
      { title: 'Import the update', hasErrors: items.length > 0 },
      html`${errorSummary(items)}
<h1>Import the update</h1>
<p class="lead">Paste this week's email. The bot reads it into a week you can check and change before saving. Nothing is saved or posted until you press Save week.</p>
<form method="post" action="/coordinator/import" novalidate>
  ${csrfField(session.csrf)}
  ${textarea({
    id: 'update',
    name: 'update',
    label: 'Weekly update',
    hint: 'The whole email as plain text: the verse, then each region’s heading and paragraphs.',
    value: values.update,
    rows: 16,
    errors: errors.update ? [{ text: errors.update }] : [],
  })}
  ${textInput({
    id: 'sent',
    name: 'sent',
    label: 'Sent on',
    hint: 'The day the email was sent. Words like “tomorrow” in it are read from this date.',
    value: values.sent,
    type: 'date',
    className: 'input-date',
    errors: errors.sent ? [{ text: errors.sent }] : [],
  })}
  <button type="submit" class="button">Read update</button>
</form>`,
    ),
    items.length > 0 ? 400 : 200,
  );
}

export function importPage(c: WebContext): Promise<Response> | Response {
  return importForm(c, { update: '', sent: '' }, {});
}

export async function readUpdate(c: WebContext, deps: CoordinatorDeps): Promise<Response> {
  const session = signedIn(c);
  const fields = await formFields(c);
  const update = clean(field(fields, 'update'));
  const sent = field(fields, 'sent').trim();
  const errors: ImportErrors = {};
  if (update.trim() === '') errors.update = 'Enter the weekly update: paste the whole email';
  else if (update.length > MAX_UPDATE_CHARS) errors.update = 'The weekly update is too long: paste only this week’s email';
  if (sent !== '' && !isLocalDate(sent)) errors.sent = 'Sent on must be a real date, like 2026-11-16';
  if (errors.update || errors.sent) return importForm(c, { update, sent }, errors);

  const config = deps.plan().config;
  const result = importUpdate(update, config, { ...(sent !== '' && { sent }), today: todayIn(config.timezone, deps.clock.now()) });
  if (!result.ok) {
    const message = result.error.code === 'no-sections' ? `The bot found no region in the update: ${result.error.message}` : result.error.message;
    return importForm(c, { update, sent }, { update: message });
  }
  const draft = draftFromImport(result.week, result.warnings);
  const warned = result.warnings.length + result.week.requests.reduce((n, r) => n + r.comments.length, 0);
  return c.html(
    page(
      frameOf(c, 'import'),
      { title: `Check the week of ${result.week.week}` },
      html`<h1>Check the imported week</h1>
<p class="lead">The update gave ${result.week.requests.length} ${result.week.requests.length === 1 ? 'request' : 'requests'}${
        warned > 0 ? `, with ${warned} ${warned === 1 ? 'thing' : 'things'} to check (marked Warning and Check below)` : ''
      }. Change what needs changing, then save the week. Nothing is posted before you save.</p>
${weekForm(draft, { csrf: session.csrf, regions: config.regions, problems: [], from: 'import' })}`,
    ),
  );
}
