// Sign-in links to the coordinator page, handed out through the chat platforms and the
// command line. A link is single-use and short-lived; only its hash is stored, so any
// replica can redeem it (the page does that; see Store.redeemSignInToken).
import type { Store } from '../store.js';
import type { Clock, PrayAnswer, PrayCaller } from '../ports.js';
import { hashSecret, newSecret } from './secrets.js';

/** How long a link can be used. */
export const SIGN_IN_LINK_MS = 15 * 60_000;
/** Links one staff member may ask for per window (a leaked chat session cannot mint many). */
export const LINKS_PER_ACTOR = 10;
export const LINK_WINDOW_MS = 60 * 60_000;

export interface IssueSignInLink {
  store: Store;
  clock: Clock;
  /** `slack:<user>`, `discord:<user>`, `cli` or `console`. */
  actor: string;
  /** PUBLIC_URL: an origin, e.g. `https://prayer.example.org` (no trailing slash). */
  publicUrl: string;
}

export type SignInLink = { url: string; expiresAt: Date } | { refused: 'rate_limited' };

export async function issueSignInLink({ store, clock, actor, publicUrl }: IssueSignInLink): Promise<SignInLink> {
  const now = clock.now();
  const recent = await store.countSignInTokens(actor, new Date(now.getTime() - LINK_WINDOW_MS));
  if (recent >= LINKS_PER_ACTOR) return { refused: 'rate_limited' };
  const raw = newSecret();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_MS);
  await store.addSignInToken({ tokenHash: hashSecret(raw), actor, createdAt: now, expiresAt });
  // The audit names who asked and when; never the token.
  await store.audit({ at: now, action: 'sign-in-link', subject: 'coordinator', detail: `issued, valid until ${expiresAt.toISOString()}`, actor });
  return { url: `${publicUrl.replace(/\/+$/, '')}/coordinator/sign-in?token=${raw}`, expiresAt };
}

/** Who a chat caller is in the audit log and on the page. */
export function actorOf(caller: PrayCaller): string {
  return caller.platform === 'console' ? 'console' : `${caller.platform}:${caller.userId}`;
}

/** Where `/pray coordinator` issues its links: the real store and clock, even while the console replays. */
export interface SignInSetup {
  store: Store;
  clock: Clock;
  /** PUBLIC_URL, or the default built from the bound port. */
  publicUrl(): string;
}

/** `/pray coordinator` for a staff member: the link, sent without a link preview. */
export async function signInLinkAnswer(setup: SignInSetup, actor: string): Promise<PrayAnswer> {
  const link = await issueSignInLink({ store: setup.store, clock: setup.clock, actor, publicUrl: setup.publicUrl() });
  if ('refused' in link) {
    return { kind: 'text', text: `You have asked for ${LINKS_PER_ACTOR} sign-in links in the last hour. Please use one of those, or ask again later.` };
  }
  return {
    kind: 'text',
    text: `Your sign-in link to the coordinator page. It works once, for the next 15 minutes; do not share it:\n${link.url}`,
    noPreview: true,
  };
}
