/** The shapes of a user that leave the accounts services (never the password hash). */
import type { SessionUser } from '../../shared/actor.js';

export type { SessionUser };

export interface PublicUser extends SessionUser {
  createdAt: Date;
  lastLoginAt: Date | null;
}
