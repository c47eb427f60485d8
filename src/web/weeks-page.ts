// The weeks: a list of every week the bot knows, and each week's page with its requests (each
// with Retract or Undo), the week's YAML (view and download as <monday>.yaml), and its saved
// versions, who saved them and when, each of which can be restored.
import { html } from 'hono/html';
import { orgCalendar, planWeek } from '../core/plan/plan.js';
import { weekOf } from '../core/plan-state.js';
import { isRetracted } from '../core/posting.js';
import { formatLongDate, formatTimeIn, localDateOf } from '../core/time.js';
import type { LocalDate } from '../core/types.js';
import { auditAs } from './auth.js';
import { csrfField, errorSummary, notice, page, scrollTable, type Html } from './layout.js';
import type { CoordinatorDeps } from './ports.js';
import { draftFromYaml } from './week-model.js';
import { weekText, type WeekText } from './week-source.js';
import { field, formFields, frameOf, signedIn, type WebContext } from './web-env.js';

export function formatWhen(at: Date, zone: string): string {
  return `${formatLongDate(localDateOf(at, zone))} at ${formatTimeIn(at, zone)}`;
}

export async function weeksListPage(c: WebContext, deps: CoordinatorDeps): Promise<Response> {
  const state = deps.plan();
  const zone = state.config.timezone;
  const [saved, retractions] = await Promise.all([deps.store.savedWeeks(), deps.store.retractions()]);
  const mondays = [...new Set([...state.weeks.map((w) => w.week), ...saved.map((s) => s.week)])].sort().reverse();
  const rows = mondays.map((monday) => {
    const version = saved.find((s) => s.week === monday);
    const planned = weekOf(state, monday);
    const from = version ? `Saved on this page: version ${version.version}, by ${version.actor}, ${formatWhen(version.savedAt, zone)}` : `File ${planned?.source ?? ''}`;
    return [
      html`<a href="/coordinator/weeks/${monday}">Week of ${formatLongDate(monday)}</a>`,
      html`${from}`,
      html`${planned ? String(planned.requests.length) : '—'}`,
      html`${retractions.includes(monday) ? 'Retracted' : planned ? 'In the plan' : 'Not in the plan (it has errors)'}`,
    ];
  });
  return c.html(
    page(
      frameOf(c, 'weeks'),
      { title: 'Weeks' },
      html`<h1>Weeks</h1>
<p class="lead">Every week the bot knows, newest first. Open one to edit it, see its versions, or retract its requests.</p>
${rows.length > 0 ? scrollTable('Weeks', ['Week', 'Where it comes from', 'Requests', 'State'], rows, { numeric: [2], captionHidden: true }) : html`<p>There are no weeks yet. <a href="/coordinator/import">Import the update</a>.</p>`}
<p><a href="/coordinator/import" class="button">Import the update</a></p>`,
    ),
  );
}

interface RequestRow {
  id: string;
  key: string;
  label: string;
  region: string;
  audience: string;
  day?: LocalDate;
}

/** The week's requests: from the plan when the week is in it, else read from its text. */
function requestsOf(deps: CoordinatorDeps, monday: LocalDate, source: WeekText | undefined): RequestRow[] {
  const state = deps.plan();
  const regionName = (id: string) => state.config.regions.find((r) => r.id === id)?.name ?? id;
  const planned = weekOf(state, monday);
  if (planned) {
    // The day in the organisation's calendar (a channel with other holidays may post it on another).
    const org = orgCalendar(state.config).key;
    const days = planWeek(state.config, planned).days.sort((a, b) => Number(b.calendar === org) - Number(a.calendar === org));
    return planned.requests.map((r) => {
      const day = days.find((d) => d.requests.some((x) => x.key === r.key))?.date;
      return { id: r.id, key: r.key, label: r.title ?? r.id, region: regionName(r.region), audience: r.audience, ...(day ? { day } : {}) };
    });
  }
  if (!source) return [];
  return (draftFromYaml(monday, source.text).draft?.requests ?? []).map((r) => ({
    id: r.id,
    key: `${monday}/${r.id}`,
    label: r.title || r.id,
    region: regionName(r.region),
    audience: r.audience,
  }));
}

/** The note after a redirect, from its query; only well-formed values (a crafted link cannot put words here). */
function flash(c: WebContext): Html {
  const shapes: Record<string, RegExp> = { saved: /^\d+$/, restored: /^\d+$/, from: /^\d+$/, done: /^\d+$/, failed: /^\d+$/, retracted: /^\d{4}-\d{2}-\d{2}(\/[A-Za-z0-9._-]+)?$/, undone: /^\d{4}-\d{2}-\d{2}(\/[A-Za-z0-9._-]+)?$/ };
  const q = (name: string) => {
    const value = c.req.query(name);
    return value !== undefined && shapes[name]?.test(value) ? value : undefined;
  };
  const items: Html[] = [];
  if (q('saved')) items.push(notice('success', `Week saved as version ${q('saved')}`, html`<p>The bot posts from this version from now on.</p>`));
  if (q('restored')) items.push(notice('success', `Version ${q('from') ?? ''} restored as version ${q('restored')}`, html`<p>The bot posts from it from now on.</p>`));
  if (q('retracted')) {
    const failed = Number(q('failed') ?? 0);
    items.push(
      notice(
        failed > 0 ? 'warning' : 'success',
        `Retracted ${q('retracted')}`,
        html`<p>${q('done') ?? '0'} posted ${q('done') === '1' ? 'copy' : 'copies'} taken down.${failed > 0 ? ` ${failed} could not be taken down; staff were told.` : ''} It will not be posted again unless you undo this.</p>`,
      ),
    );
  }
  if (q('undone')) items.push(notice('success', `Retraction of ${q('undone')} undone`, html`<p>It may be posted again: the bot sends it on its day if that is still ahead.</p>`));
  return html`${items}`;
}

export async function weekPage(c: WebContext, deps: CoordinatorDeps, monday: LocalDate, problems: Html = html``, status: 200 | 400 = 200): Promise<Response | undefined> {
  const session = signedIn(c);
  const state = deps.plan();
  const zone = state.config.timezone;
  const [source, versions, retractions] = await Promise.all([weekText(deps, monday), deps.store.weekVersions(monday), deps.store.retractions()]);
  const planned = weekOf(state, monday);
  if (!source && !planned) return undefined;
  const retracted = new Set(retractions);
  const weekRetracted = retracted.has(monday);
  const requests = requestsOf(deps, monday, source);
  const origin = source?.saved
    ? html`Saved on this page: version ${source.saved.version}, by ${source.saved.actor}, ${formatWhen(source.saved.savedAt, zone)}.${
        source.file ? html` It replaces ${source.file}.` : ''
      }`
    : html`From the file ${source?.file ?? planned?.source ?? ''}; not saved on this page yet.`;

  // What `check` says about the week now (the settings may have changed since it was saved).
  const warnings = source ? deps.checkWeek(source.text, monday).filter((p) => p.severity === 'warning') : [];
  const requestRows = requests.map((r) => {
    const isOff = isRetracted(retracted, r.key);
    const action = weekRetracted
      ? html`Retracted with the week`
      : isOff
        ? html`<form method="post" action="/coordinator/weeks/${monday}/undo" class="inline-form">${csrfField(session.csrf)}<input type="hidden" name="request" value="${r.id}"><button type="submit" class="button button-secondary button-small">Undo retraction of ${r.id}</button></form>`
        : html`<a href="/coordinator/weeks/${monday}/retract?request=${encodeURIComponent(r.id)}">Retract ${r.id}</a>`;
    return [
      html`${r.label}${r.label !== r.id ? html` <span class="small">(${r.id})</span>` : ''}`,
      html`${r.region}`,
      html`${r.day ? formatLongDate(r.day).replace(/, \d{4}$/, '') : '—'}`,
      html`${r.audience === 'everyone' ? 'Everyone' : 'Staff only'}`,
      html`${isOff ? html`<span class="tag tag-info">Retracted</span>` : 'Live'}`,
      action,
    ];
  });

  const versionRows = versions.map((v, i) => [
    html`Version ${v.version}`,
    html`${v.actor}`,
    html`${formatWhen(v.savedAt, zone)}`,
    i === 0
      ? html`Current version`
      : html`<form method="post" action="/coordinator/weeks/${monday}/restore" class="inline-form">${csrfField(session.csrf)}<input type="hidden" name="version" value="${String(v.version)}"><button type="submit" class="button button-secondary button-small">Restore version ${v.version}</button></form>`,
    html`<a href="/coordinator/weeks/${monday}/download?version=${String(v.version)}" download="${monday}.yaml">Download version ${v.version}</a>`,
  ]);

  return c.html(
    page(
      frameOf(c, 'weeks'),
      { title: `Week of ${monday}` },
      html`${problems}${flash(c)}
<h1>Week of ${formatLongDate(monday)}</h1>
<p>${origin}</p>
${!planned ? notice('warning', 'This week is not in the plan', html`<p>It has errors under the settings in force, so nothing of it is posted. Edit it to see and fix them.</p>`) : ''}
${weekRetracted ? notice('info', 'The whole week is retracted', html`<p>None of its requests is posted.</p>`) : ''}
${warnings.length > 0
  ? notice(
      'warning',
      warnings.length === 1 ? 'The check warns about this week' : `The check has ${warnings.length} warnings about this week`,
      html`<ul>${warnings.map((w) => html`<li>${w.message} <span class="where">${w.path ? `${w.path} · ` : ''}${monday}.yaml:${w.line}:${w.col}</span></li>`)}</ul>`,
    )
  : ''}
<div class="button-group">
  <a class="button" href="/coordinator/weeks/${monday}/edit">Edit the week</a>
  <a href="/coordinator/weeks/${monday}/yaml">View the YAML</a>
  <a href="/coordinator/weeks/${monday}/download" download="${monday}.yaml">Download ${monday}.yaml</a>
</div>

<h2>Requests</h2>
${requestRows.length > 0 ? scrollTable(`Requests of the week of ${monday}`, ['Request', 'Region', 'Posted on', 'Readers', 'State', 'Action'], requestRows, { captionHidden: true }) : html`<p>This week has no requests.</p>`}
${weekRetracted
  ? html`<form method="post" action="/coordinator/weeks/${monday}/undo">${csrfField(session.csrf)}<button type="submit" class="button button-secondary">Undo the retraction of the whole week</button></form>`
  : html`<p><a href="/coordinator/weeks/${monday}/retract" class="button button-warning">Retract the whole week</a></p>`}

<h2 id="versions" tabindex="-1">Versions</h2>
${versionRows.length > 0
  ? scrollTable(`Versions of the week of ${monday}, newest first`, ['Version', 'Saved by', 'When', 'Restore', 'Download'], versionRows, { captionHidden: true })
  : html`<p>No version has been saved on this page yet. Saving the week here keeps every version, with who saved it and when.</p>`}`,
    ),
    status,
  );
}

export async function yamlPage(c: WebContext, deps: CoordinatorDeps, monday: LocalDate): Promise<Response | undefined> {
  const source = await weekText(deps, monday);
  if (!source) return undefined;
  return c.html(
    page(
      frameOf(c, 'weeks'),
      { title: `${monday}.yaml` },
      html`<h1>${monday}.yaml</h1>
<p>The week as a week file, for people who keep the weeks in git. ${source.saved ? `Version ${source.saved.version}.` : `From ${source.file ?? 'the prompts folder'}.`}</p>
<p><a href="/coordinator/weeks/${monday}/download" download="${monday}.yaml" class="button">Download ${monday}.yaml</a> <a href="/coordinator/weeks/${monday}">Back to the week</a></p>
<pre class="yaml" tabindex="0" aria-label="${monday}.yaml">${source.text}</pre>`,
    ),
  );
}

export async function downloadWeek(c: WebContext, deps: CoordinatorDeps, monday: LocalDate): Promise<Response | undefined> {
  const asked = c.req.query('version');
  let text: string | undefined;
  if (asked !== undefined) text = (await deps.store.weekVersions(monday)).find((v) => String(v.version) === asked)?.yaml;
  else text = (await weekText(deps, monday))?.text;
  if (text === undefined) return undefined;
  return c.body(text, 200, {
    'Content-Type': 'application/yaml; charset=utf-8',
    'Content-Disposition': `attachment; filename="${monday}.yaml"`,
  });
}

/** POST …/restore: an earlier version saved again as the newest, checked like any save. */
export async function restoreVersion(c: WebContext, deps: CoordinatorDeps, monday: LocalDate): Promise<Response | undefined> {
  const session = signedIn(c);
  const asked = field(await formFields(c), 'version');
  const version = (await deps.store.weekVersions(monday)).find((v) => String(v.version) === asked);
  if (!version) return undefined;
  const outcome = await deps.saveWeek(version.yaml, session.actor, monday);
  if ('saved' in outcome) {
    await auditAs(deps, 'week-restore', monday, session.actor, `version ${version.version} restored as version ${outcome.saved.version}`);
    return c.redirect(`/coordinator/weeks/${monday}?restored=${outcome.saved.version}&from=${version.version}`, 303);
  }
  const errors = outcome.problems.filter((p) => p.severity === 'error');
  const summary = errorSummary(
    errors.map((p) => ({ href: 'versions', text: `Version ${version.version} cannot be restored as it is: ${p.message}`, where: `${p.path ? `${p.path} · ` : ''}${monday}.yaml:${p.line}:${p.col}` })),
  );
  return weekPage(c, deps, monday, summary, 400);
}
