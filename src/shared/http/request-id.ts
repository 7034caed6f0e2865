/** Gives every request an id: shown on error pages, logged with every line about the request. */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { logger } from '../logger.js';

export const requestId: RequestHandler = (req, res, next) => {
  const id = randomUUID();
  req.id = id;
  req.log = logger.child({ requestId: id });
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    req.log.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms) }, 'request');
  });
  next();
};
