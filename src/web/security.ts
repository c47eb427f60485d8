// The headers every coordinator response carries, the session cookie, and the CSRF token.
//
// Content-Security-Policy: nothing is allowed by default; the one script is a static file
// that runs only with this response's nonce, the style sheet is a static file from this
// origin, forms post only here, and no one may frame the page. So even a request text that
// slipped past escaping could neither run script nor post a form elsewhere.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export const SESSION_COOKIE = 'prayerbot_session';
export const SESSION_HOURS = 12;
export const CSRF_FIELD = 'csrf';

/** 128 bits of randomness, base64url: a nonce, a token, a session id. */
export function randomId(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

export type SecurityVariables = { nonce: string };

/** Sets the nonce for templates and the security headers on every response, errors included. */
export function securityHeaders(): MiddlewareHandler<{ Variables: SecurityVariables }> {
  return async (c, next) => {
    const nonce = randomId(16);
    c.set('nonce', nonce);
    await next();
    c.res.headers.set('Content-Security-Policy', contentSecurityPolicy(nonce));
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  };
}

/** The session cookie's attributes: HttpOnly, SameSite=Lax (Strict is dropped on the first visit from Slack or Discord). */
export function sessionCookieOptions(publicUrl: string, maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: 'Lax' as const,
    path: '/coordinator',
    secure: publicUrl.startsWith('https:'),
    maxAge: maxAgeSeconds,
  };
}

const CSRF_PURPOSE = 'prayerbot coordinator form v1';

/** The CSRF token of a session: an HMAC keyed by the raw session id, so nothing more is stored. */
export function csrfToken(rawSessionId: string): string {
  return createHmac('sha256', rawSessionId).update(CSRF_PURPOSE).digest('base64url');
}

export function csrfMatches(rawSessionId: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfToken(rawSessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A browser says where a form came from; one posted from another site is refused even before
 * the CSRF token is looked at (it also stops another site posting a sign-in form). With
 * `Referrer-Policy: no-referrer` browsers send `Origin: null` on their own forms, so
 * Sec-Fetch-Site is what usually decides.
 */
export function sameOrigin(origin: string | undefined, secFetchSite: string | undefined, publicUrl: string): boolean {
  if (secFetchSite !== undefined && secFetchSite !== 'same-origin' && secFetchSite !== 'none') return false;
  if (origin === undefined || origin === 'null') return true;
  return origin === publicUrl;
}
