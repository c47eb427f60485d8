// Save week (and Add a request) from the week form, and the edit form of a saved week.
// Saving checks the week exactly as `prayerbot check` does (the core's saveWeekText behind
// deps.saveWeek); a week with errors is never saved, and each problem is shown at its field.
import { html } from 'hono/html';
import { formatLongDate } from '../core/time.js';
import { page } from './layout.js';
import type { CoordinatorDeps } from './ports.js';
import { placeProblems, type PlacedProblem } from './problem-places.js';
import { draftFromForm, draftFromYaml, emptyRequest, MAX_REQUESTS, yamlOfDraft, type WeekDraft } from './week-model.js';
import { weekErrorSummary, weekForm } from './week-form-view.js';
import { weekText } from './week-source.js';
import { field, formFields, frameOf, signedIn, type WebContext } from './web-env.js';

function formPage(c: WebContext, deps: CoordinatorDeps, draft: WeekDraft, from: 'import' | 'edit', problems: PlacedProblem[], status: 200 | 400): Response | Promise<Response> {
  const session = signedIn(c);
  const errors = problems.filter((p) => p.severity === 'error');
  // The form's own heading names the week.
  const heading = from === 'import' ? 'Check the imported week' : 'Edit the week';
  return c.html(
    page(
      frameOf(c, from === 'import' ? 'import' : 'weeks'),
      { title: `${heading} of ${draft.week}`, hasErrors: errors.length > 0 },
      html`${weekErrorSummary(problems)}
<h1>${heading}</h1>
${errors.length > 0
  ? html`<p class="lead">The week was not saved. Fix ${errors.length === 1 ? 'the problem' : `the ${errors.length} problems`} marked Error, then save it again.</p>`
  : html`<p class="lead">Change what needs changing, then save the week. The bot posts from the saved week.</p>`}
${weekForm(draft, { csrf: session.csrf, regions: deps.plan().config.regions, problems, from })}`,
    ),
    status,
  );
}

/** POST /coordinator/weeks: Save week, or Add a request (the form comes back with one more block). */
export async function saveWeekForm(c: WebContext, deps: CoordinatorDeps): Promise<Response> {
  const session = signedIn(c);
  const fields = await formFields(c);
  const draft = draftFromForm(fields);
  const from = field(fields, 'from') === 'edit' ? 'edit' : 'import';
  if (!draft) {
    return c.html(page(frameOf(c), { title: 'This form cannot be read' }, html`<h1>This form cannot be read</h1><p>Its week is missing. Nothing was saved. <a href="/coordinator/import">Start again from the update</a>.</p>`), 400);
  }
  if (field(fields, 'action') === 'add') {
    if (draft.requests.length < MAX_REQUESTS) draft.requests.push(emptyRequest());
    return formPage(c, deps, draft, from, [], 200);
  }
  const written = yamlOfDraft(draft);
  const outcome = await deps.saveWeek(written.yaml, session.actor, draft.week);
  if ('saved' in outcome) {
    return c.redirect(`/coordinator/weeks/${outcome.saved.week}?saved=${outcome.saved.version}`, 303);
  }
  return formPage(c, deps, draft, from, placeProblems(outcome.problems, written.draftIndex), 400);
}

/** GET /coordinator/weeks/:monday/edit: the newest saved version (or the week file) in the form. */
export async function editWeekPage(c: WebContext, deps: CoordinatorDeps, monday: string): Promise<Response | undefined> {
  const source = await weekText(deps, monday);
  if (!source) return undefined;
  const read = draftFromYaml(monday, source.text);
  if (read.draft) return formPage(c, deps, read.draft, 'edit', [], 200);
  // Only a week file edited by hand can be unreadable: saved weeks were checked.
  return c.html(
    page(
      frameOf(c, 'weeks'),
      { title: `The week of ${monday} cannot be read` },
      html`<h1>The week of ${formatLongDate(monday)} cannot be read</h1>
<p>${source.file ?? `${monday}.yaml`} is not a week file the bot can read, so it cannot be opened here:</p>
<ul>${read.problems.map((p) => html`<li>${p.message} <span class="where">${p.file}:${p.line}:${p.col}</span></li>`)}</ul>
<p>Fix the file, or <a href="/coordinator/import">import the update</a> again and save it here.</p>`,
    ),
    400,
  );
}
