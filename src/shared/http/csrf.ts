/**
 * CSRF protection (synchroniser token in the session): every state-changing request must carry
 * the `_csrf` field the `{{csrf}}` helper puts in each form. A token never travels in a URL.
 *
 * File-upload forms (multipart) are the one case this middleware cannot decide: their body is
 * read only by the upload step, once the person is known to be allowed (shared/http/upload.ts).
 * So a multipart request to a declared upload route is passed on *deferred*, and the upload step
 * checks the `_csrf` field, which the form puts before its file fields (browsers send fields in
 * document order), before it reads a byte of any file. A multipart request anywhere else is held
 * to the ordinary rule, which its unparsed body cannot meet: refused.
 */
import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import { ForbiddenError } from '../errors.js';
import { logSafeUrl } from './request-id.js';

/** Tokens read from a multipart body by the upload step, for the one check below. */
const bodyTokens = new WeakMap<Request, string>();
/** Multipart requests whose token the upload step still has to check. */
const deferred = new WeakSet<Request>();
/** The routes that take multipart bodies, declared by `withUploads` as the routers are built. */
const uploadPaths = new Map<string, RegExp>();

const { generateToken, isRequestValid } = csrfSync({
  size: 32,
  getTokenFromRequest: (req) => {
    const fromMultipart = bodyTokens.get(req);
    if (fromMultipart !== undefined) return fromMultipart;
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const fromHeader = req.headers['x-csrf-token'];
    return typeof fromHeader === 'string' ? fromHeader : undefined;
  },
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Declares a POST route whose multipart body is read by the upload step (`/applications/:id`). */
export function acceptMultipartAt(path: string): void {
  if (uploadPaths.has(path)) return;
  const pattern = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  uploadPaths.set(path, new RegExp(`^${pattern}/?$`));
}

function isUploadRequest(req: Request): boolean {
  if (req.method !== 'POST' || !req.is('multipart/form-data')) return false;
  for (const pattern of uploadPaths.values()) if (pattern.test(req.path)) return true;
  return false;
}

/** Whether the upload step must still check this request's token (read from its body). */
export function csrfPendingFor(req: Request): boolean {
  return deferred.has(req);
}

/** The upload step's check of the `_csrf` field it read; afterwards the request counts as checked. */
export function acceptBodyToken(req: Request, token: string): boolean {
  bodyTokens.set(req, token);
  try {
    if (!isRequestValid(req)) return false;
    deferred.delete(req);
    return true;
  } finally {
    bodyTokens.delete(req);
  }
}

export const csrfProtection: RequestHandler = (req, res, next) => {
  // Lazily made: see the csrf view helper.
  res.locals.csrfToken = () => generateToken(req);
  if (SAFE_METHODS.has(req.method)) return next();
  if (isUploadRequest(req) && !isRequestValid(req)) {
    deferred.add(req);
    return next();
  }
  if (!isRequestValid(req)) throw csrfRefusal(req);
  next();
};

/** The refusal of a missing or wrong token, logged the same way wherever it is found. */
export function csrfRefusal(req: Request): ForbiddenError {
  req.log.warn({ url: logSafeUrl(req.originalUrl) }, 'refused a request with a missing or wrong CSRF token');
  return new ForbiddenError('errors.csrf');
}
