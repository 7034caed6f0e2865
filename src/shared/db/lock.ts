/**
 * A mutex made of one document: inserting `{_id: key}` takes the lock (the unique _id makes the
 * insert the atomic step, which FerretDB v1 guarantees where updates are read-modify-write);
 * deleting it gives it back. `expiresAt` lets a crashed holder's lock be broken.
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

export async function withLock<T>(key: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const leaseMs = options.leaseMs ?? 30_000;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  const owner = new mongoose.Types.ObjectId().toString();
  let delay = 5;
  for (;;) {
    try {
      await Lock.create({ _id: key, owner, expiresAt: new Date(Date.now() + leaseMs) });
      break;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // A lock left by a crashed process is removed only if it is still the same stale one.
      await Lock.deleteOne({ _id: key, expiresAt: { $lt: new Date() } });
      if (Date.now() > deadline) throw new LockTimeoutError(`could not lock ${key}`);
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 200);
    }
  }
  try {
    return await work();
  } finally {
    await Lock.deleteOne({ _id: key, owner });
  }
}
