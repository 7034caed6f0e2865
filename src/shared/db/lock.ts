/**
 * A mutex made of one document: inserting `{_id: key}` takes the lock (the unique _id makes the
 * insert the atomic step, which FerretDB v1 guarantees where updates are read-modify-write);
 * deleting it gives it back. `expiresAt` lets a crashed holder's lock be broken.
 *
 * Callers in one process queue for a key in memory first, so only one of them at a time asks the
 * database: they wait for each other's release instead of polling the database (an insert that
 * fails and a sleep, each time), and the database only arbitrates between processes.
 */
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';

const lockSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const Lock = mongoose.model('Lock', lockSchema);

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LockOptions {
  /** How long the holder may keep it before others may break it. */
  leaseMs?: number;
  /** How long to wait for it before giving up. */
  waitMs?: number;
}

/** Per key, the promise the next caller in this process waits for (the last queued caller's release). */
const queues = new Map<string, Promise<void>>();

/** Waits for `turn` until `deadline`; false when the deadline came first. */
async function waitUntil(turn: Promise<void>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([turn.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Takes the database's lock document, waiting for another process's holder to let go. */
async function acquire(key: string, owner: string, leaseMs: number, deadline: number): Promise<void> {
  let delay = 2;
  for (;;) {
    try {
      await Lock.create({ _id: key, owner, expiresAt: new Date(Date.now() + leaseMs) });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const holder = await Lock.findById(key, { owner: 1, expiresAt: 1 }).lean();
      // A lock left by a crashed process is removed only if it is still that same stale one.
      if (holder && holder.expiresAt.getTime() < Date.now()) {
        await Lock.deleteOne({ _id: key, owner: holder.owner });
        continue;
      }
      if (Date.now() > deadline) throw new LockTimeoutError(`could not lock ${key}`);
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 100);
    }
  }
}

export async function withLock<T>(key: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const leaseMs = options.leaseMs ?? 30_000;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  const previous = queues.get(key);
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  // The next caller waits for everyone queued so far, this one included.
  const tail = previous ? previous.then(() => released) : released;
  queues.set(key, tail);
  try {
    if (previous && !(await waitUntil(previous, deadline))) throw new LockTimeoutError(`could not lock ${key}`);
    const owner = new mongoose.Types.ObjectId().toString();
    await acquire(key, owner, leaseMs, deadline);
    try {
      return await work();
    } finally {
      await Lock.deleteOne({ _id: key, owner });
    }
  } finally {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  }
}
