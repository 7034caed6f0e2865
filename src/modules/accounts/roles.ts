/** Roles people hold (declared in shared/actor.ts). Everyone who registers is a donor; the others are granted. */
import { ROLES } from '../../shared/actor.js';
import type { Role } from '../../shared/actor.js';

/** Roles are kept in this order everywhere, with `donor` always present. */
export function normaliseRoles(roles: readonly string[]): Role[] {
  const wanted = new Set<string>(['donor', ...roles]);
  return ROLES.filter((role) => wanted.has(role));
}
