/**
 * Where a person's work is, for the landing after login when no page asked for them: staff on
 * their to-do page, reviewers on their reviews, applicants on their applications, donors on
 * their gifts, anyone else on the giving menu. Lives in admin (the top module) because it reads
 * the grants and funds modules, which accounts may not import; routes.ts hands it to login.
 */
import { hasRole } from '../../shared/actor.js';
import type { SessionUser } from '../../shared/actor.js';
import { hasOwnApplications } from '../grants/index.js';
import { hasOwnGifts } from '../funds/index.js';

export async function landingFor(user: SessionUser): Promise<string> {
  if (hasRole(user, 'staff', 'admin')) return '/admin';
  if (hasRole(user, 'reviewer')) return '/reviews';
  if (await hasOwnApplications(user)) return '/applications';
  if (await hasOwnGifts(user)) return '/account/gifts';
  return '/';
}
