// Plain HTTP helpers for the coordinator page tests: sign in with a link, keep the session
// cookie, post forms with or without the CSRF token.
import type { World } from './world.js';

export interface Session {
  cookie: string;
  raw: string;
  csrf: string;
}

export const HTML = { accept: 'text/html,application/xhtml+xml' };

export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token')!;
}

export async function postForm(world: Pick<World, 'base'>, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${world.base}${path}`, {
    method: 'POST',
    headers: { ...HTML, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

export async function get(world: Pick<World, 'base'>, path: string, session?: Session, headers: Record<string, string> = HTML): Promise<Response> {
  return fetch(`${world.base}${path}`, { headers: { ...headers, ...(session ? { cookie: session.cookie } : {}) }, redirect: 'manual' });
}

/** Signs in with a fresh link; returns the session cookie and the CSRF token its pages carry. */
export async function signIn(world: World, actor?: string): Promise<Session> {
  const response = await postForm(world, '/coordinator/sign-in', { token: tokenOf(await world.link(actor)) });
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const raw = /prayerbot_session=([^;]+)/.exec(setCookie)?.[1];
  if (!raw) throw new Error(`no session cookie in ${setCookie}`);
  const cookie = `prayerbot_session=${raw}`;
  const page = await (await get(world, '/coordinator/import', { cookie, raw, csrf: '' })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('no CSRF token on the import page');
  return { cookie, raw, csrf };
}

export const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'cache-control'];

/** What is missing from a response's security headers (none: an empty list). */
export function expectSecurityHeaders(response: { headers: { get(name: string): string | null } }): string[] {
  const problems: string[] = [];
  const csp = response.headers.get('content-security-policy') ?? '';
  for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'", "object-src 'none'"]) {
    if (!csp.includes(directive)) problems.push(`CSP lacks ${directive}`);
  }
  if (!/script-src 'nonce-[A-Za-z0-9_-]{16,}'/.test(csp) || /unsafe-inline|unsafe-eval/.test(csp)) problems.push(`script-src is not nonce-only: ${csp}`);
  if (response.headers.get('x-content-type-options') !== 'nosniff') problems.push('no nosniff');
  if (response.headers.get('referrer-policy') !== 'no-referrer') problems.push('referrer policy');
  if (response.headers.get('cache-control') !== 'no-store') problems.push('cache-control');
  return problems;
}
