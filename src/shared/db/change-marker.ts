/**
 * Snapshots of a whole collection kept in memory, refreshed only when the collection changed.
 *
 * FerretDB scans a collection for every query (DESIGN.md), so reloading 10,000 organisations
 * takes seconds there; with several app processes a plain TTL would make each reload them every
 * few seconds. Instead each watched collection has one small marker document whose token every
 * write replaces (mongoose middleware on the model, so no write path can forget). A process
 * compares the marker with the token it loaded under — one tiny read — and reloads only when it
 * changed. Its own writes drop its snapshot at once; other processes see them within one check.
 */
import { randomUUID } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';
import { registerClearable } from '../cache.js';

const markerSchema = new Schema(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export const ChangeMarker = mongoose.model('ChangeMarker', markerSchema);

const localListeners = new Map<string, Set<() => void>>();

/** Records that `name` changed: a new token for other processes, and this process's snapshots dropped. */
export async function markChanged(name: string): Promise<void> {
  for (const drop of localListeners.get(name) ?? []) drop();
  const update = { $set: { token: randomUUID(), at: new Date() } };
  try {
    await ChangeMarker.updateOne({ _id: name }, update, { upsert: true });
  } catch (error) {
    // Two first-ever writes raced to insert the marker: the other insert won, so update it.
    if (!isDuplicateKeyError(error)) throw error;
    await ChangeMarker.updateOne({ _id: name }, update);
  }
}

async function currentToken(name: string): Promise<string> {
  const marker = await ChangeMarker.findById(name, { token: 1 }).lean();
  return marker?.token ?? '';
}

/**
 * Makes every write through `schema`'s model mark `name` changed. Registered before the model is
 * compiled. Covers document saves, query updates and deletes, and insertMany.
 */
export function markChangesOf(schema: Schema, name: string): void {
  const mark = async () => markChanged(name);
  schema.post('save', mark);
  schema.post('insertMany', mark);
  schema.post(
    ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndDelete'],
    mark,
  );
}

interface Snapshot<V> {
  value: V;
  token: string;
  checkedAt: number;
}

/**
 * One in-memory value built from collection `name`. `get()` answers from memory; once the value
 * is older than `checkEveryMs` it is still served while one background check compares tokens and
 * reloads only on a change (no request waits on it). Loads are shared (no stampede).
 */
export class SnapshotCache<V> {
  private snapshot: Snapshot<V> | undefined;
  private loading: Promise<V> | undefined;
  private checking = false;
  private generation = 0;

  constructor(
    private readonly name: string,
    private readonly checkEveryMs: number,
    private readonly load: () => Promise<V>,
  ) {
    registerClearable(this);
    const listeners = localListeners.get(name) ?? new Set();
    listeners.add(() => this.clear());
    localListeners.set(name, listeners);
  }

  async get(): Promise<V> {
    const snapshot = this.snapshot;
    if (!snapshot) return (this.loading ??= this.reload());
    if (Date.now() - snapshot.checkedAt >= this.checkEveryMs && !this.checking && !this.loading) {
      this.checking = true;
      this.check(snapshot)
        .catch(() => undefined) // a failed check keeps the old value until the next try
        .finally(() => {
          this.checking = false;
        });
    }
    return snapshot.value;
  }

  clear(): void {
    this.generation += 1;
    this.snapshot = undefined;
    this.loading = undefined;
  }

  private async check(snapshot: Snapshot<V>): Promise<void> {
    const token = await currentToken(this.name);
    if (token === snapshot.token) snapshot.checkedAt = Date.now();
    else await (this.loading ??= this.reload());
  }

  private reload(): Promise<V> {
    const generation = this.generation;
    const run = async () => {
      try {
        // The token is read before the data: a write landing during the load leaves a newer
        // token behind, so the next check reloads rather than keeping a stale snapshot.
        const token = await currentToken(this.name);
        const value = await this.load();
        // A clear() during the load (a write here) means the value may predate it: do not keep it.
        if (generation === this.generation) this.snapshot = { value, token, checkedAt: Date.now() };
        return value;
      } finally {
        if (generation === this.generation) this.loading = undefined;
      }
    };
    return run();
  }
}
