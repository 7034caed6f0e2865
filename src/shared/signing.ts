/**
 * Signed links for people without an account: a donor's thank-you page and receipt download
 * carry an HMAC of what they point at, so nobody can walk through other people's gifts by id.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Until the app configures its key, links are signed with a random one: never a key in the source.
let secret = randomBytes(32).toString('base64url');

export function configureSigning(next: string): void {
  secret = next;
}

export function sign(purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url').slice(0, 32);
}

export function verifySignature(purpose: string, value: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length !== 32) return false;
  const expected = Buffer.from(sign(purpose, value));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
