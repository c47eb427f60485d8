// The coordinator page: a Hono app mounted on the bot's own HTTP server under /coordinator
// only (src/runtime/http-server.ts hands it those requests), so Bolt keeps its raw request bodies and
// /pray its speed. Routes:
//
//   GET  /coordinator/static/page.css, page.js    the style sheet and the little script
//   GET  /coordinator/sign-in[?token=…]           check a link, show Continue (or how to get a link)
//   POST /coordinator/sign-in                     redeem the link, start a session
//   GET  /coordinator/signed-out
//   — everything below needs a session; every POST its CSRF token —
//   POST /coordinator/sign-out
//   GET  /coordinator                             this week and next
//   GET  /coordinator/import                      POST: read the update into an editable week
//   POST /coordinator/weeks                       Save week (or Add a request)
//   GET  /coordinator/weeks                       every week
//   GET  /coordinator/weeks/:monday               its requests, Retract/Undo, versions
//   GET  /coordinator/weeks/:monday/edit | yaml | download[?version=N]
//   POST /coordinator/weeks/:monday/restore | undo
//   GET  /coordinator/weeks/:monday/retract[?request=ID]   the confirmation; POST: retract
//   GET  /coordinator/tally, /coordinator/tally.csv
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorLogFields } from '../core/errors.js';
import { PAGE_CSS, PAGE_JS } from './assets.js';
import { authRoutes, requireSession, signOutRoute } from './auth.js';
import { importPage, readUpdate } from './import-page.js';
import { page } from './layout.js';
import { overviewPage } from './overview-page.js';
import type { CoordinatorDeps } from './ports.js';
import type { FailureLimiter } from './rate-limit.js';
import { retractConfirmPage, retractNow } from './retract-page.js';
import { securityHeaders } from './security.js';
import { tallyCsvDownload, tallyPage } from './tally-page.js';
import { isMonday } from './week-model.js';
import { editWeekPage, saveWeekForm } from './week-save.js';
import { downloadWeek, restoreVersion, weekPage, weeksListPage, yamlPage } from './weeks-page.js';
import { frameOf, type WebContext, type WebEnv } from './web-env.js';

/** A pasted update is under 1 MiB; a week form is far smaller. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function notFound(c: WebContext): Response | Promise<Response> {
  return c.html(page(frameOf(c), { title: 'Page not found' }, html`<h1>Page not found</h1><p>There is nothing at this address. <a href="/coordinator">Go to this week and next</a>.</p>`), 404);
}

export function createCoordinatorApp(deps: CoordinatorDeps, opts: { limiter?: FailureLimiter } = {}): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // The path only: a sign-in token travels in the query string and never reaches a log line.
    deps.log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'coordinator request');
  });
  app.use('*', securityHeaders());
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text('That is too much text for one form.\n', 413) }));

  app.get('/coordinator/static/page.css', (c) => c.body(PAGE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/coordinator/static/page.js', (c) => c.body(PAGE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  authRoutes(app, deps, opts.limiter);

  const guard = requireSession(deps);
  app.use('/coordinator', guard);
  app.use('/coordinator/*', guard);
  signOutRoute(app, deps);

  app.get('/coordinator', (c) => overviewPage(c, deps));
  app.get('/coordinator/import', (c) => importPage(c));
  app.post('/coordinator/import', (c) => readUpdate(c, deps));
  app.get('/coordinator/weeks', (c) => weeksListPage(c, deps));
  app.post('/coordinator/weeks', (c) => saveWeekForm(c, deps));
  app.get('/coordinator/tally', (c) => tallyPage(c, deps));
  app.get('/coordinator/tally.csv', (c) => tallyCsvDownload(c, deps));

  /** A route under /coordinator/weeks/:monday; anything else than a Monday is not found. */
  const week = (handler: (c: WebContext, monday: string) => Promise<Response | undefined> | Response | undefined) => async (c: WebContext) => {
    const monday = c.req.param('monday') ?? '';
    if (!isMonday(monday)) return notFound(c);
    return (await handler(c, monday)) ?? notFound(c);
  };
  app.get('/coordinator/weeks/:monday', week((c, m) => weekPage(c, deps, m)));
  app.get('/coordinator/weeks/:monday/edit', week((c, m) => editWeekPage(c, deps, m)));
  app.get('/coordinator/weeks/:monday/yaml', week((c, m) => yamlPage(c, deps, m)));
  app.get('/coordinator/weeks/:monday/download', week((c, m) => downloadWeek(c, deps, m)));
  app.post('/coordinator/weeks/:monday/restore', week((c, m) => restoreVersion(c, deps, m)));
  app.get('/coordinator/weeks/:monday/retract', week((c, m) => retractConfirmPage(c, m)));
  app.post('/coordinator/weeks/:monday/retract', week((c, m) => retractNow(c, deps, m, false)));
  app.post('/coordinator/weeks/:monday/undo', week((c, m) => retractNow(c, deps, m, true)));

  app.notFound((c) => notFound(c));
  app.onError((error, c) => {
    deps.log.error({ ...errorLogFields(error), path: c.req.path }, 'coordinator page failed');
    return c.html(page(frameOf(c), { title: 'Sorry, something went wrong' }, html`<h1>Sorry, something went wrong</h1><p>Nothing more was changed. Try again; if it keeps happening, the bot's log has the details.</p>`), 500);
  });
  return app;
}

/** The node request listener the bot's HTTP server hands every /coordinator request to. */
export function coordinatorHandler(deps: CoordinatorDeps): (req: IncomingMessage, res: ServerResponse) => void {
  // Leave node's own Request/Response globals alone: other code in the process uses them.
  const listener = getRequestListener(createCoordinatorApp(deps).fetch, { overrideGlobalObjects: false });
  return (req, res) => void listener(req, res);
}
