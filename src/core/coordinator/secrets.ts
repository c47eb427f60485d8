// Sign-in tokens and session ids: random, shown once, stored only as hashes. A copy of the
// database (a backup, a replica's disk) then signs nobody in.
import { createHash, randomBytes } from 'node:crypto';

/** Bytes of randomness in a token or session id: 256 bits, far beyond guessing. */
const SECRET_BYTES = 32;

/** A new random secret, URL-safe (base64url, 43 characters). */
export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** What the store keeps of a secret: its SHA-256, hex. */
export function hashSecret(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}
