/** The shapes of a user that leave the accounts services (never the password hash). */
import type { Locale } from '../../shared/i18n/index.js';
import type { Role } from './roles.js';

/** What the session knows about the logged-in person (req.user). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  preferredLanguage: Locale;
  /** Whether the person has followed the emailed verification link (see email-verification.service.ts). */
  emailVerified: boolean;
}

export interface PublicUser extends SessionUser {
  createdAt: Date;
  lastLoginAt: Date | null;
}
