// Retract a request or a whole week (after a confirmation that says what Undo can and cannot
// bring back), and Undo. The same use case as `prayerbot retract`: every posted copy comes
// down at once, on every platform.
import { html } from 'hono/html';
import { REQUEST_ID } from '../config/week-schema.js';
import { formatLongDate } from '../core/time.js';
import type { LocalDate } from '../core/types.js';
import { csrfField, notice, page } from './layout.js';
import type { CoordinatorDeps } from './ports.js';
import { field, formFields, frameOf, signedIn, type WebContext } from './web-env.js';

/** The retraction's subject: `<week>/<id>` for a request, `<week>` for the whole week. */
function subjectOf(monday: LocalDate, request: string | undefined): string | undefined {
  if (request === undefined || request === '') return monday;
  return REQUEST_ID.test(request) ? `${monday}/${request}` : undefined;
}

export function retractConfirmPage(c: WebContext, monday: LocalDate): Response | Promise<Response> | undefined {
  const session = signedIn(c);
  const request = c.req.query('request');
  const subject = subjectOf(monday, request);
  if (!subject) return undefined;
  const whole = subject === monday;
  const what = whole ? `the whole week of ${formatLongDate(monday)}` : `request ${request} of the week of ${formatLongDate(monday)}`;
  const undoText = whole
    ? html`<ul>
    <li><strong>Undo can</strong> let the week be posted again: the bot sends each day that is still ahead, and you can send a past day by hand.</li>
    <li><strong>Undo cannot</strong> bring back the posts taken down, or the 🙏 on them. Retracting the week also deletes its key for counting who prayed: after Undo, counting starts again under a new key. The counts from before stay in the tally; reactions on re-sent posts count from then on.</li>
  </ul>`
    : html`<ul>
    <li><strong>Undo can</strong> let the request be posted again: the bot sends it on its day if that is still ahead.</li>
    <li><strong>Undo cannot</strong> bring back the posts taken down, or the 🙏 on them. The counts from before stay in the tally; reactions on a re-sent post count from then on.</li>
  </ul>`;
  return c.html(
    page(
      frameOf(c, 'weeks'),
      { title: `Retract ${subject}` },
      html`<h1>Retract ${what}?</h1>
<p class="lead">Every posted copy ${whole ? 'of every request of the week ' : ''}comes down now, in every channel on every platform, and it is not posted again.</p>
${notice('warning', 'What Undo can and cannot bring back', undoText)}
<form method="post" action="/coordinator/weeks/${monday}/retract">
  ${csrfField(session.csrf)}
  ${whole ? '' : html`<input type="hidden" name="request" value="${request!}">`}
  <div class="button-group">
    <button type="submit" class="button button-warning">${whole ? 'Retract the whole week' : `Retract ${request!}`}</button>
    <a href="/coordinator/weeks/${monday}">Cancel, keep it</a>
  </div>
</form>`,
    ),
  );
}

export async function retractNow(c: WebContext, deps: CoordinatorDeps, monday: LocalDate, undo: boolean): Promise<Response | undefined> {
  const session = signedIn(c);
  const subject = subjectOf(monday, field(await formFields(c), 'request'));
  if (!subject) return undefined;
  const actions = await deps.retract(subject, { undo, actor: session.actor });
  if (undo) return c.redirect(`/coordinator/weeks/${monday}?undone=${encodeURIComponent(subject)}`, 303);
  const done = actions.filter((a) => a.done && a.action !== 'forget-week').length;
  const failed = actions.filter((a) => !a.done).length;
  return c.redirect(`/coordinator/weeks/${monday}?retracted=${encodeURIComponent(subject)}&done=${done}&failed=${failed}`, 303);
}
