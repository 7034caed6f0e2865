/** Gives every request an id: shown on error pages, logged with every line about the request. */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { logger } from '../logger.js';

/**
 * The URL as the log may keep it: links that carry a one-time secret in the path
 * (/reset-password/<token>, /invitations/<token>, …) or in a `token`-like query parameter
 * (signed receipt links) lose it, so the request log never holds a working link. A path segment
 * counts as a secret when it is long and random-looking (database ids are hex and stay readable).
 */
const SECRET_LOOKING = /^[A-Za-z0-9_-]{20,}$/;
const isSecretLooking = (part: string) => SECRET_LOOKING.test(part) && !/^[a-f0-9]+$/i.test(part);

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export function logSafeUrl(url: string): string {
  const [pathname = '', query] = url.split('?', 2);
  const safePath = pathname
    .split('/')
    .map((segment) => (isSecretLooking(segment) ? '[hidden]' : segment))
    .join('/');
  if (query === undefined) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at < 0) return pair;
      const name = pair.slice(0, at);
      if (/token|secret|key|sig|code|csrf/i.test(name)) return `${name}=[hidden]`;
      // A value may itself be a link (`/login?next=/invitations/<token>`): its secrets go too.
      const value = safeDecode(pair.slice(at + 1));
      const masked = value.replace(/[A-Za-z0-9_-]{20,}/g, (part) => (isSecretLooking(part) ? '[hidden]' : part));
      return masked === value ? pair : `${name}=${encodeURIComponent(masked)}`;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

export const requestId: RequestHandler = (req, res, next) => {
  const id = randomUUID();
  req.id = id;
  req.log = logger.child({ requestId: id });
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    req.log.info(
      { method: req.method, url: logSafeUrl(req.originalUrl), status: res.statusCode, ms: Math.round(ms) },
      'request',
    );
  });
  next();
};
