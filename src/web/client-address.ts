// Who is asking, for per-address limits. Only behind a configured reverse proxy
// (TRUSTED_PROXY) is X-Forwarded-For believed; without one, every client may share one
// address (a proxy nobody told us about), so per-address limits are not applied at all.
import { isIP } from 'node:net';

/**
 * The client's address when the request came through a trusted proxy: the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy. Undefined otherwise.
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | undefined, trusted: readonly string[]): string | undefined {
  if (trusted.length === 0 || remote === undefined || !trusted.includes(normalise(remote))) return undefined;
  const hops = (forwardedFor ?? '').split(',').map((h) => normalise(h.trim())).filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (trusted.includes(hop)) continue;
    return isIP(hop) !== 0 ? hop : undefined;
  }
  return undefined;
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) → `127.0.0.1`. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
