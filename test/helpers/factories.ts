/** Test data made through the real services, never by hand-written documents. */
import { randomBytes } from 'node:crypto';
import { registerUser } from '../../src/modules/accounts/user.service.js';
import { markEmailVerified } from '../../src/modules/accounts/email-verification.service.js';
import type { Role } from '../../src/shared/actor.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

export const PASSWORD = 'correct-horse-battery';

/** A registered person; their address is verified unless `verified: false` (as after sign-up, before the link). */
export async function makeUser(
  options: { roles?: Role[]; name?: string; email?: string; language?: 'th' | 'en'; verified?: boolean } = {},
): Promise<PublicUser> {
  const user = await registerUser(
    {
      name: options.name ?? 'สมชาย ใจดี',
      email: options.email ?? `u-${randomBytes(5).toString('hex')}@example.org`,
      password: PASSWORD,
      preferredLanguage: options.language ?? 'th',
    },
    options.roles ?? ['donor'],
  );
  if (options.verified === false) return user;
  await markEmailVerified(user.id);
  return { ...user, emailVerified: true };
}
