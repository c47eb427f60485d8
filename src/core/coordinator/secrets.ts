// Sign-in tokens and session ids are random and stored only as SHA-256 hashes, so a copy of
// the store cannot be used to sign in.
import { createHash } from 'node:crypto';

/** The stored form of a raw token or session id (hex). */
export function hashSecret(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}
