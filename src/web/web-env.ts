// What every coordinator request handler sees: the node request (for the client's address),
// the response's CSP nonce, and the signed-in session.
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { Frame, NavItem } from './layout.js';

export interface SignedIn {
  actor: string;
  sessionHash: string;
  csrf: string;
}

export type WebEnv = {
  Bindings: HttpBindings;
  Variables: { nonce: string; session: SignedIn | undefined };
};

export type WebContext = Context<WebEnv>;

/** The signed-in session; the session guard runs before every handler that calls this. */
export function signedIn(c: WebContext): SignedIn {
  const session = c.get('session');
  if (!session) throw new Error('no session: the guard must run first');
  return session;
}

export function frameOf(c: WebContext, current?: NavItem): Frame {
  const session = c.get('session');
  return {
    nonce: c.get('nonce'),
    ...(session ? { csrf: session.csrf, actor: session.actor } : {}),
    ...(current ? { current } : {}),
  };
}

/** A browser navigating (or posting a form) asks for HTML; scripts and API clients do not. */
export function wantsHtml(c: WebContext): boolean {
  return (c.req.header('accept') ?? '').includes('text/html');
}

/** The posted form as names → value(s). Files are ignored: no form here uploads one. */
export async function formFields(c: WebContext): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

export function field(fields: Record<string, string | string[]>, name: string): string {
  const v = fields[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}
