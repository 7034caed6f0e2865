/**
 * Secrets that go out in one link (password reset, email verification, invitations): random,
 * URL-safe, and stored only as a hash, so a copy of the database opens nothing.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new token to put in a link (base64url of `bytes` random bytes). */
export function newOneTimeToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What the database keeps of a token. */
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a string from a URL could be one of our tokens at all (anything else needs no lookup). */
export function looksLikeOneTimeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token);
}
