/** Test data made through the real services, never by hand-written documents. */
import { randomBytes } from 'node:crypto';
import { registerUser } from '../../src/modules/accounts/user.service.js';
import type { Role } from '../../src/modules/accounts/roles.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

export const PASSWORD = 'correct-horse-battery';

export async function makeUser(options: { roles?: Role[]; name?: string; email?: string; language?: 'th' | 'en' } = {}): Promise<PublicUser> {
  return registerUser(
    {
      name: options.name ?? 'สมชาย ใจดี',
      email: options.email ?? `u-${randomBytes(5).toString('hex')}@example.org`,
      password: PASSWORD,
      preferredLanguage: options.language ?? 'th',
    },
    options.roles ?? ['donor'],
  );
}
