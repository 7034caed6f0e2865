/**
 * The database as comparable text, for "a refused request changed nothing" checks: every
 * collection (uploaded files included) but the sessions and rate-limit counters (bookkeeping that
 * refused requests rightly touch: a failed login counts), each sorted by _id, with the fields that
 * change on their own (the time of a person's last login) left out.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { SESSIONS_COLLECTION } from '../../src/modules/accounts/session.service.js';
import { RateLimitSlot } from '../../src/shared/http/rate-limit.js';

const NOT_STATE = new Set([SESSIONS_COLLECTION, RateLimitSlot.collection.collectionName]);

/** Fields left out per collection: they change without anything being written on purpose. */
const VOLATILE: Record<string, Record<string, 0>> = {
  users: { lastLoginAt: 0 },
};

/**
 * Documents that are a process's own bookkeeping, not state: each app process announces its
 * ledger writes in a marker of its own a moment after them (funds/ledger-totals.ts), so an
 * accepted request's announcement can land while the next, refused, one is checked.
 */
const BOOKKEEPING: Record<string, (doc: { _id: unknown }) => boolean> = {
  changemarkers: (doc) => String(doc._id).startsWith('ledger-writer:'),
};

/** Collection name → its documents as JSON; `names` limits it to those collections. */
export async function collectionStates(names?: readonly string[]): Promise<Record<string, string>> {
  const db = mongoose.connection.db;
  assert.ok(db, 'the database is not connected');
  const all =
    names ??
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !NOT_STATE.has(n));
  const sorted = [...all].sort();
  const docs = await Promise.all(
    sorted.map((name) =>
      db
        .collection(name)
        .find({}, { projection: VOLATILE[name] ?? {} })
        .sort({ _id: 1 })
        .toArray(),
    ),
  );
  return Object.fromEntries(
    sorted.map((name, i) => {
      const skip = BOOKKEEPING[name];
      return [name, JSON.stringify(skip ? docs[i]?.filter((doc) => !skip(doc)) : docs[i])];
    }),
  );
}

/** The whole state as one string. */
export async function databaseState(names?: readonly string[]): Promise<string> {
  return JSON.stringify(await collectionStates(names));
}

/** The collections whose contents differ between two states (a collection made but left empty is no change). */
export function changedCollections(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((name) => (before[name] ?? '[]') !== (after[name] ?? '[]'))
    .sort();
}
