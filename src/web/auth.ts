// Sign-in with a single-use link from the chat platform, sessions, and the guard in front of
// every other coordinator route.
//
// GET /coordinator/sign-in?token=… only looks at the token and shows a Continue button, so a
// link preview or a mail scanner cannot use the link up; the button's POST redeems it (one
// caller wins, across replicas) and starts a new session. The raw token and session id never
// reach a log line or the store: the store keeps their SHA-256 hashes only.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { hashSecret } from '../core/coordinator/secrets.js';
import { clientAddress } from './client-address.js';
import { page, type Html } from './layout.js';
import type { CoordinatorDeps } from './ports.js';
import { FailureLimiter } from './rate-limit.js';
import { CSRF_FIELD, csrfMatches, csrfToken, randomId, sameOrigin, SESSION_COOKIE, SESSION_HOURS, sessionCookieOptions } from './security.js';
import { field, formFields, frameOf, wantsHtml, type WebContext, type WebEnv } from './web-env.js';

/** A platform actor's staff status is looked at again after this long. */
export const STAFF_RECHECK_MS = 10 * 60_000;

/** Writes an audit entry naming who did it. */
export async function auditAs(deps: CoordinatorDeps, action: string, subject: string, actor: string, detail: string): Promise<void> {
  await deps.store.audit({ at: deps.clock.now(), action, subject, detail, actor });
}

function howToGetALink(): Html {
  return html`<p>Staff get a sign-in link from the bot. Ask for one in any of these ways:</p>
<ul>
  <li>in Slack, type <code>/pray coordinator</code></li>
  <li>on Discord, type <code>/pray-staff coordinator</code></li>
  <li>in the console chat, type <code>/pray coordinator</code></li>
  <li>on the server that runs the bot, run <code>prayerbot coordinator-link</code></li>
</ul>
<p>Only you can see the answer. The link works once, for 15 minutes; signing in lasts up to 12 hours.</p>`;
}

function messagePage(c: WebContext, title: string, body: Html, status: 200 | 401 | 403 | 429 | 503): Response | Promise<Response> {
  return c.html(page(frameOf(c), { title }, html`<h1>${title}</h1>${body}`), status);
}

const BAD_TOKEN: Record<'used' | 'expired' | 'unknown', { title: string; why: string }> = {
  used: { title: 'This sign-in link has been used', why: 'Each link signs in once. If that was not you, tell the other coordinators.' },
  expired: { title: 'This sign-in link has expired', why: 'A link works for 15 minutes after it is sent.' },
  unknown: { title: 'This sign-in link does not work', why: 'It may have been copied only in part.' },
};

function badTokenPage(c: WebContext, state: 'used' | 'expired' | 'unknown'): Response | Promise<Response> {
  const { title, why } = BAD_TOKEN[state];
  return messagePage(c, title, html`<p>${why}</p><h2>Get a new link</h2>${howToGetALink()}`, 403);
}

function clientOf(c: WebContext, deps: CoordinatorDeps): string | undefined {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined;
  }
  return clientAddress(remote, c.req.header('x-forwarded-for'), deps.trustedProxies);
}

function refuseForeignForm(c: WebContext, deps: CoordinatorDeps): Response | Promise<Response> | undefined {
  if (sameOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), deps.publicUrl())) return undefined;
  if (!wantsHtml(c)) return c.text('This form was not sent from the coordinator page.\n', 403);
  return messagePage(c, 'This form came from another site', html`<p>Nothing was changed. Open the coordinator page and try again from there.</p>`, 403);
}

/** Sign-in, sign-out and the signed-out page. */
export function authRoutes(app: Hono<WebEnv>, deps: CoordinatorDeps, limiter = new FailureLimiter()): void {
  app.get('/coordinator/sign-in', async (c) => {
    const token = c.req.query('token');
    if (token === undefined || token === '') {
      return messagePage(c, 'Sign in to the coordinator page', howToGetALink(), 200);
    }
    const state = await deps.store.signInTokenState(hashSecret(token), deps.clock.now());
    if (state !== 'valid') return badTokenPage(c, state);
    return c.html(
      page(
        frameOf(c),
        { title: 'Sign in' },
        html`<h1>Sign in to the coordinator page</h1>
<p>This link signs you in once. Continue to sign in on this device.</p>
<form method="post" action="/coordinator/sign-in">
  <input type="hidden" name="token" value="${token}">
  <button type="submit" class="button">Continue</button>
</form>`,
      ),
    );
  });

  app.post('/coordinator/sign-in', async (c) => {
    const foreign = refuseForeignForm(c, deps);
    if (foreign) return foreign;
    const now = deps.clock.now();
    const client = clientOf(c, deps);
    if (limiter.blocked(client, now.getTime())) {
      return messagePage(c, 'Too many sign-in attempts', html`<p>Wait a few minutes, then open your link again.</p>`, 429);
    }
    const token = field(await formFields(c), 'token');
    const tokenHash = hashSecret(token);
    const actor = token === '' ? undefined : await deps.store.redeemSignInToken(tokenHash, now);
    if (actor === undefined) {
      limiter.recordFailure(client, now.getTime());
      const state = token === '' ? 'unknown' : await deps.store.signInTokenState(tokenHash, now);
      deps.log.info({ outcome: state }, 'coordinator sign-in refused');
      return badTokenPage(c, state === 'valid' ? 'used' : state);
    }
    const verdict = await deps.isStaff(actor);
    if (verdict === 'unknown') {
      await auditAs(deps, 'sign-in-refused', 'coordinator', actor, 'staff role could not be confirmed');
      return messagePage(c, 'Your staff role could not be confirmed', html`<p>Discord did not answer whether you still hold a staff role. Ask the bot for a new link in a minute.</p>`, 503);
    }
    if (verdict === 'not-staff') {
      await auditAs(deps, 'sign-in-refused', 'coordinator', actor, 'no longer staff');
      return messagePage(c, 'You are not on the staff list', html`<p>The bot's settings no longer list you as staff, so you cannot sign in. Ask another coordinator.</p>`, 403);
    }
    // A session already in this browser ends: one browser, one session.
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await deps.store.endSession(hashSecret(previous));
    const raw = randomId(32);
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    await deps.store.addSession({ sessionHash: hashSecret(raw), actor, createdAt: now, expiresAt, staffCheckedAt: now });
    await auditAs(deps, 'sign-in', 'coordinator', actor, 'signed in with a link');
    setCookie(c, SESSION_COOKIE, raw, sessionCookieOptions(deps.publicUrl(), SESSION_HOURS * 3600));
    return c.redirect('/coordinator', 303);
  });

  app.get('/coordinator/signed-out', (c) =>
    messagePage(c, 'You have signed out', html`<p>To sign in again you need a new link.</p>${howToGetALink()}`, 200),
  );
}

/**
 * Every other route: a live session whose actor is still staff, and on a POST the session's
 * CSRF token. Staff status is looked at again every 10 minutes and after the staff rules change.
 */
export function requireSession(deps: CoordinatorDeps): MiddlewareHandler<WebEnv> {
  let rules = JSON.stringify(deps.plan().config.staff);
  let rulesChangedAt = 0;
  return async (c, next) => {
    const now = deps.clock.now();
    const current = JSON.stringify(deps.plan().config.staff);
    if (current !== rules) {
      rules = current;
      rulesChangedAt = now.getTime();
    }
    const raw = getCookie(c, SESSION_COOKIE);
    const sessionHash = raw ? hashSecret(raw) : undefined;
    const session = sessionHash ? await deps.store.getSession(sessionHash, now) : undefined;
    if (!raw || !sessionHash || !session) {
      if (raw) deleteCookie(c, SESSION_COOKIE, { path: '/coordinator' });
      if (!wantsHtml(c)) return c.text('Sign in first: the coordinator page needs a sign-in link from the bot.\n', 401);
      return c.redirect('/coordinator/sign-in', 303);
    }
    const checkedAt = session.staffCheckedAt.getTime();
    if (now.getTime() - checkedAt >= STAFF_RECHECK_MS || checkedAt <= rulesChangedAt) {
      const verdict = await deps.isStaff(session.actor);
      if (verdict === 'unknown') {
        // Discord cannot say right now: refuse this request, keep the session, ask again next time.
        if (!wantsHtml(c)) return c.text('Your staff role could not be confirmed just now. Try again in a minute.\n', 503);
        return messagePage(c, 'Please try again in a minute', html`<p>Discord did not answer whether you still hold a staff role, so this page cannot be shown just now.</p>`, 503);
      }
      if (verdict === 'not-staff') {
        // Every session of theirs, on any device, not only this one.
        await deps.store.endSessionsOf(session.actor);
        await auditAs(deps, 'sign-out', 'coordinator', session.actor, 'session ended: no longer staff');
        deleteCookie(c, SESSION_COOKIE, { path: '/coordinator' });
        if (!wantsHtml(c)) return c.text('Your session has ended: you are no longer on the staff list.\n', 401);
        return messagePage(c, 'You have been signed out', html`<p>The bot's settings no longer list you as staff, so your session has ended.</p>`, 403);
      }
      await deps.store.markSessionStaffChecked(sessionHash, now);
    }
    c.set('session', { actor: session.actor, sessionHash, csrf: csrfToken(raw) });
    if (c.req.method === 'POST') {
      const foreign = refuseForeignForm(c, deps);
      if (foreign) return foreign;
      const fields = await formFields(c);
      if (!csrfMatches(raw, fields[CSRF_FIELD])) {
        if (!wantsHtml(c)) return c.text('Missing or wrong CSRF token.\n', 403);
        return messagePage(
          c,
          'This form has expired',
          html`<p>Nothing was changed. The page you sent it from belongs to an earlier sign-in, or did not come from here. Go back, reload the page and try again.</p>`,
          403,
        );
      }
    }
    await next();
  };
}

export function signOutRoute(app: Hono<WebEnv>, deps: CoordinatorDeps): void {
  app.post('/coordinator/sign-out', async (c) => {
    const session = c.get('session')!;
    await deps.store.endSession(session.sessionHash);
    await auditAs(deps, 'sign-out', 'coordinator', session.actor, 'signed out');
    deleteCookie(c, SESSION_COOKIE, { path: '/coordinator', secure: deps.publicUrl().startsWith('https:') });
    return c.redirect('/coordinator/signed-out', 303);
  });
}
