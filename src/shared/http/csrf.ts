/**
 * CSRF protection (synchroniser token in the session): every state-changing request must carry
 * the `_csrf` field the `{{csrf}}` helper puts in each form (file-upload forms: `?_csrf=` in the action).
 */
import type { RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import { ForbiddenError } from '../errors.js';
import { logSafeUrl } from './request-id.js';

const { generateToken, isRequestValid } = csrfSync({
  size: 32,
  getTokenFromRequest: (req) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const fromHeader = req.headers['x-csrf-token'];
    if (typeof fromHeader === 'string') return fromHeader;
    // File uploads: the body is read only after this check (by the upload route, once the person
    // is known to be allowed), so those forms carry the token in their action URL instead.
    // Pages send no Referer (helmet's no-referrer), so the token does not leak from the URL.
    const fromQuery = (req.query as Record<string, unknown> | undefined)?._csrf;
    return req.is('multipart/form-data') && typeof fromQuery === 'string' ? fromQuery : undefined;
  },
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfProtection: RequestHandler = (req, res, next) => {
  // Lazily made: see the csrf view helper.
  res.locals.csrfToken = () => generateToken(req);
  if (SAFE_METHODS.has(req.method)) return next();
  if (!isRequestValid(req)) {
    req.log.warn({ url: logSafeUrl(req.originalUrl) }, 'refused a request with a missing or wrong CSRF token');
    throw new ForbiddenError('errors.csrf');
  }
  next();
};
