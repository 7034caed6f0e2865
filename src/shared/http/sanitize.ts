/**
 * NoSQL-injection guard: a request key that starts with `$` or contains `.` (at any depth of the
 * body or query) could become a MongoDB operator, so the request is refused before any handler
 * or mongoose sees it.
 */
import type { RequestHandler } from 'express';
import { BadRequestError } from '../errors.js';

const MAX_DEPTH = 8;
const TOO_DEEP = '(nesting too deep)';

export function findDangerousKey(value: unknown, depth = 0): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return TOO_DEEP;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith('$') || key.includes('.') || key.includes('[$') || key === '__proto__' || key === 'constructor')
      return key;
    const found = findDangerousKey(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

export const rejectDangerousKeys: RequestHandler = (req, _res, next) => {
  const key = findDangerousKey(req.body) ?? findDangerousKey(req.query);
  if (key) {
    req.log.warn({ key }, 'refused a request with an operator-like key');
    // Deep nesting is refused too, but it is no operator key: say only that the request is malformed.
    throw new BadRequestError(key === TOO_DEEP ? 'errors.badRequest' : 'errors.operatorKey');
  }
  next();
};
