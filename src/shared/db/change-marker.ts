/**
 * Snapshots of a whole collection kept in memory, refreshed only when the collection changed.
 *
 * Reading a whole collection is the one slow thing FerretDB does (it decodes every document in Go:
 * about 3 s for 10,000 organisations on PostgreSQL, seconds more on a busy machine), so a snapshot
 * is never dropped and rebuilt while requests wait. Each watched collection has one small marker
 * document whose token every write replaces (mongoose middleware on the model, so no write path can
 * forget). A process compares the marker with the token it loaded under — one `_id` read — and
 * reloads in the background only when it changed, serving the old snapshot meanwhile; other
 * processes' writes show within one check. This process's own writes show at once: the written
 * ids are patched into the snapshot (a few `_id` reads) when the cache can, else it reloads first.
 */
import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type Query } from 'mongoose';
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

/** The ids a write touched, or undefined when the write could have touched any document. */
type Written = readonly string[] | undefined;

const localListeners = new Map<string, Set<(ids: Written) => void>>();

/**
 * Records that `name` changed: a new token for other processes, and this process's snapshots told
 * which ids were written (`ids`), or that anything may have changed (no ids).
 */
export async function markChanged(name: string, ids?: readonly string[]): Promise<void> {
  for (const notify of localListeners.get(name) ?? []) notify(ids);
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

/** The one document a query write names by `_id` (`{_id: x}`), if it names exactly one. */
function writtenId(query: Query<unknown, unknown>): Written {
  const id: unknown = query.getFilter()._id;
  return typeof id === 'string' || id instanceof mongoose.Types.ObjectId ? [String(id)] : undefined;
}

/**
 * Makes every write through `schema`'s model mark `name` changed, with the ids written where they
 * are known. Registered before the model is compiled. Covers document saves, query updates and
 * deletes, and insertMany.
 */
export function markChangesOf(schema: Schema, name: string): void {
  schema.post('save', async (doc: { _id: unknown }) => markChanged(name, [String(doc._id)]));
  schema.post('insertMany', async (docs: unknown) =>
    markChanged(name, Array.isArray(docs) ? docs.map((d: { _id: unknown }) => String(d._id)) : undefined),
  );
  schema.post(
    ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndDelete'],
    { document: false, query: true },
    async function (this: Query<unknown, unknown>) {
      const op = (this as unknown as { op?: string }).op;
      await markChanged(name, op === 'updateMany' || op === 'deleteMany' ? undefined : writtenId(this));
    },
  );
}

interface Snapshot<V> {
  value: V;
  token: string;
  checkedAt: number;
}

/**
 * Applies this process's own writes to a snapshot without reading the whole collection: given the
 * written ids, it reads those documents (an `_id` read each) and returns the new value. Without it,
 * an own write makes the next `get()` wait for a full reload.
 */
export type SnapshotPatch<V> = (value: V, ids: readonly string[]) => Promise<V>;

/**
 * One in-memory value built from collection `name`. `get()` answers from memory; only the very
 * first load is waited for. Once the value is older than `checkEveryMs`, one background check
 * compares tokens and on a change reloads while the old value is still served. After a write in
 * this process, `get()` waits until the value includes it (a patch of the written ids, or a reload).
 * Loads are shared (no stampede).
 */
export class SnapshotCache<V> {
  private snapshot: Snapshot<V> | undefined;
  private loading: Promise<V> | undefined;
  private catchingUp: Promise<V> | undefined;
  private checking = false;
  private generation = 0;
  /** Own writes so far; the last one a patch cannot apply; the last one a finished full load covers. */
  private writes = 0;
  private fullNeededAt = 0;
  private loadedAt = 0;
  /** Ids written here and not yet in the snapshot, with the number of their last write. */
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly name: string,
    private readonly checkEveryMs: number,
    private readonly load: () => Promise<V>,
    private readonly patch?: SnapshotPatch<V>,
  ) {
    registerClearable(this);
    const listeners = localListeners.get(name) ?? new Set();
    listeners.add((ids) => this.written(ids));
    localListeners.set(name, listeners);
  }

  async get(): Promise<V> {
    const snapshot = this.snapshot;
    if (!snapshot) return (this.loading ??= this.reload());
    if (this.behindOwnWrites()) return (this.catchingUp ??= this.catchUp());
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

  /** Forgets everything (tests between files, after seeding): the next `get()` loads afresh. */
  clear(): void {
    this.generation += 1;
    this.snapshot = undefined;
    this.loading = undefined;
    this.catchingUp = undefined;
    this.pending.clear();
    this.fullNeededAt = 0;
    this.loadedAt = 0;
    this.writes = 0;
  }

  private written(ids: Written): void {
    this.writes += 1;
    if (!ids || !this.patch) this.fullNeededAt = this.writes;
    else for (const id of ids) this.pending.set(id, this.writes);
  }

  private behindOwnWrites(): boolean {
    return this.fullNeededAt > this.loadedAt || this.pending.size > 0;
  }

  /** Brings the snapshot up to this process's writes: a reload if one needs it, else patches. */
  private async catchUp(): Promise<V> {
    const generation = this.generation;
    try {
      while (generation === this.generation && this.behindOwnWrites()) {
        const base = this.snapshot;
        if (this.loading)
          await this.loading; // a running load may or may not include the writes
        else if (!base || !this.patch || this.fullNeededAt > this.loadedAt) await (this.loading = this.reload());
        else {
          const batch = [...this.pending];
          const value = await this.patch(
            base.value,
            batch.map(([id]) => id),
          );
          if (generation !== this.generation || this.snapshot !== base) continue; // replaced meanwhile: again
          this.snapshot = { ...base, value };
          for (const [id, at] of batch) if (this.pending.get(id) === at) this.pending.delete(id);
        }
      }
      return await this.get();
    } finally {
      if (generation === this.generation) this.catchingUp = undefined;
    }
  }

  private async check(snapshot: Snapshot<V>): Promise<void> {
    const token = await currentToken(this.name);
    if (token === snapshot.token) snapshot.checkedAt = Date.now();
    else await (this.loading ??= this.reload());
  }

  private reload(): Promise<V> {
    const generation = this.generation;
    const startedAt = this.writes;
    const run = async () => {
      try {
        // The token is read before the data: a write landing during the load leaves a newer
        // token behind, so the next check reloads rather than keeping a stale snapshot.
        const token = await currentToken(this.name);
        const value = await this.load();
        if (generation === this.generation) {
          this.snapshot = { value, token, checkedAt: Date.now() };
          // Own writes made before the load began are in it; later ones still wait for a patch.
          this.loadedAt = Math.max(this.loadedAt, startedAt);
          for (const [id, at] of this.pending) if (at <= startedAt) this.pending.delete(id);
        }
        return value;
      } finally {
        if (generation === this.generation) this.loading = undefined;
      }
    };
    return run();
  }
}
