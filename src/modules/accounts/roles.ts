/** Roles people hold. Everyone who registers is a donor; the others are granted. */
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.js';
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

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(user: { roles: readonly string[] } | null | undefined, ...roles: Role[]): boolean {
  return !!user && roles.some((role) => user.roles.includes(role));
}

/** Roles are kept in this order everywhere, with `donor` always present. */
export function normaliseRoles(roles: readonly string[]): Role[] {
  const wanted = new Set<string>(['donor', ...roles]);
  return ROLES.filter((role) => wanted.has(role));
}

/** Services call this with the acting person: routes guard too, but the service has the last word. */
export function assertRole(actor: { roles: readonly string[] } | null | undefined, ...roles: Role[]): void {
  if (!actor) throw new UnauthorizedError();
  if (!hasRole(actor, ...roles)) throw new ForbiddenError();
}
