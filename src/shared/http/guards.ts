/**
 * Route guards: the first line of defence. Services check roles and ownership again, so a
 * route that forgets a guard still cannot do what the person may not.
 */
import type { RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { Role } from '../actor.js';

export const requireLogin: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
    return res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
  }
  throw new UnauthorizedError();
};

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    if (!req.user) return requireLogin(req, res, next);
    if (!roles.some((role) => req.user?.roles.includes(role))) throw new ForbiddenError();
    next();
  };
}
