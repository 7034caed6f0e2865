/**
 * Whether the database can be used right now, and which errors mean it cannot. A database
 * outage is not a bug in a request: people get a localized 503 ("try again shortly") at once,
 * and the app carries on by itself when the database is back (the driver reconnects).
 */
import type { RequestHandler } from 'express';
import mongoose from 'mongoose';
import { DatabaseUnavailableError } from '../errors.js';

/** The driver's names for "no server to talk to" (connection refused, dropped, none selectable). */
const UNAVAILABLE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
]);

/**
 * FerretDB stays up when the PostgreSQL behind it is gone and answers each command with an
 * InternalError (code 1) that quotes PostgreSQL's connection failure: that too is an outage.
 */
const BACKEND_GONE = /failed to connect to `|connection refused|SQLSTATE (57P0[123]|08\w{3})|conn closed/;

function isBackendGone(e: { name?: unknown; code?: unknown; message?: unknown }): boolean {
  return e.name === 'MongoServerError' && e.code === 1 && typeof e.message === 'string' && BACKEND_GONE.test(e.message);
}

export function isDatabaseUnavailableError(error: unknown): boolean {
  for (
    let e = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth += 1
  ) {
    if (typeof e.name === 'string' && UNAVAILABLE_ERRORS.has(e.name)) return true;
    if (isBackendGone(e)) return true;
    // Mongoose's own wait for a connection ran out ("Operation `x.find()` buffering timed out").
    if (typeof e.message === 'string' && e.message.includes('buffering timed out')) return true;
  }
  return false;
}

/**
 * Set when a request just failed for want of the database, cleared by the driver's next
 * successful heartbeat (every 2 s, see connection.ts). Mongoose's readyState alone lags: it
 * changes only once the driver's monitor has noticed, and until then pages that happen to be
 * cached would answer while the rest fail.
 */
let failedSinceHeartbeat = false;

export function noteDatabaseUnavailable(): void {
  failedSinceHeartbeat = true;
}

/** A command just reached the server (the health check's ping). */
export function noteDatabaseAvailable(): void {
  failedSinceHeartbeat = false;
}

/** Called once per connection: a heartbeat that reaches the server ends a noted outage. */
export function watchDatabase(connection: mongoose.Connection = mongoose.connection): void {
  connection.getClient().on('serverHeartbeatSucceeded', noteDatabaseAvailable);
  noteDatabaseAvailable();
}

export function databaseConnected(): boolean {
  return mongoose.connection.readyState === mongoose.ConnectionStates.connected && !failedSinceHeartbeat;
}

/** Answers 503 at once while the connection is known to be down, instead of letting queries wait. */
export const requireDatabase: RequestHandler = (_req, _res, next) => {
  next(databaseConnected() ? undefined : new DatabaseUnavailableError());
};
