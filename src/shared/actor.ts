/**
 * The acting person, as every service receives it, and the two checks services make with it.
 * Routes guard too, but the service has the last word: a job, a script or a new route calling
 * it cannot skip the rule. One declaration here; every module imports it from here.
 */
import type { Locale } from './i18n/index.js';
import { ForbiddenError, UnauthorizedError, type AppError } from './errors.js';

export const ROLES = [
  /** Gives money; every registered person. */
  'donor',
  /** Member of an organisation; applies to grant calls on its behalf. */
  'applicant',
  /** Sits on a committee; scores applications assigned to them. */
  'reviewer',
  /** Runs the foundation's work: calls, offline gifts, the social map, the outbox. */
  'staff',
  /** Manages people and their roles. */
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/** Who is acting: a logged-in person, or `undefined` for a visitor (and for nobody at all). */
export type Actor = { id: string; name?: string; roles: readonly string[] } | undefined;

/** What the session knows about the logged-in person (req.user). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  preferredLanguage: Locale;
  /** Whether the person has followed the emailed verification link (accounts' email verification). */
  emailVerified: boolean;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(user: { roles: readonly string[] } | null | undefined, ...roles: Role[]): boolean {
  return !!user && roles.some((role) => user.roles.includes(role));
}

/** Refuses a visitor (401) and a person without one of `roles` (403). */
export function assertRole(
  actor: { id?: string; roles: readonly string[] } | null | undefined,
  ...roles: Role[]
): asserts actor is { id: string; name?: string; roles: readonly string[] } {
  if (!actor) throw new UnauthorizedError();
  if (!hasRole(actor, ...roles)) throw new ForbiddenError();
}

/** Whether the person is one of an organisation's members (ids as strings or ObjectIds). */
export function isMember(actor: Actor | null, memberUserIds: readonly unknown[] | null | undefined): boolean {
  return !!actor && (memberUserIds ?? []).some((id) => String(id) === actor.id);
}

/**
 * Refuses a visitor (401) and anyone not a member of the organisation. `refusal` is what a
 * non-member is told: a 404 where even the thing's existence is private, a 403 otherwise.
 */
export function assertMember(
  actor: Actor | null,
  memberUserIds: readonly unknown[] | null | undefined,
  refusal: AppError = new ForbiddenError(),
): asserts actor is { id: string; name?: string; roles: readonly string[] } {
  if (!actor) throw new UnauthorizedError();
  if (!isMember(actor, memberUserIds)) throw refusal;
}
