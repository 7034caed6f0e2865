/**
 * The writing half of a database copy or restore (database-copy.ts, database-dump.ts): refuses a
 * target that holds data, makes the collections and their indexes, inserts documents in ordered
 * batches, checks the counts, and on any failure removes what it wrote, so a copy that stops
 * half-way never leaves half a database behind for the app to start on.
 */
import { BSON, type Db, type Document } from 'mongodb';

export type Progress = (line: string) => void;

/** An index as listIndexes gives it, without what the server adds by itself (`v`, `ns`). */
export interface IndexSpec {
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  /** Any other option the source had (a TTL on MongoDB, say), kept so MongoDB → MongoDB loses nothing. */
  [option: string]: unknown;
}

/** One collection of a copy: its name and indexes (without `_id_`, which every collection has). */
export interface CollectionPlan {
  name: string;
  indexes: IndexSpec[];
}

/** What a copy, restore or backup did to one collection. */
export interface CollectionCopied {
  collection: string;
  documents: number;
  indexes: number;
}

/** A copy, backup or restore that did not happen, with the reason in its message (in English, for operators). */
export class DatabaseCopyError extends Error {
  override name = 'DatabaseCopyError';
}

/**
 * Read options that keep every BSON type as stored: without them the driver turns an int64 or a
 * double 1.0 into a JS number, which would be written back as an int32.
 */
export const EXACT_TYPES = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true };

const BATCH_DOCUMENTS = 1_000;
/** Uploaded files live in the database: a batch is also bounded in bytes (the server's limit is 48 MB). */
const BATCH_BYTES = 8 * 1024 * 1024;

/** Options the server adds to every index description, not part of what was asked for. */
const SERVER_ADDED = new Set(['v', 'ns', 'background']);

/** The collections a copy takes: every collection (not views) but the server's own `system.*`. */
export async function collectionNames(db: Db): Promise<string[]> {
  const all = await db.listCollections({}, { nameOnly: false }).toArray();
  return all
    .filter((c) => (c.type ?? 'collection') === 'collection' && !c.name.startsWith('system.'))
    .map((c) => c.name)
    .sort();
}

export async function indexSpecs(db: Db, collection: string): Promise<IndexSpec[]> {
  const listed = await db.collection(collection).listIndexes().toArray();
  return listed
    .filter((index) => index.name !== '_id_')
    .map((index) => {
      const spec: IndexSpec = { key: index.key as Document, name: String(index.name) };
      for (const [option, value] of Object.entries(index)) {
        if (option !== 'key' && option !== 'name' && !SERVER_ADDED.has(option)) spec[option] = value;
      }
      return spec;
    });
}

export async function describeDatabase(db: Db): Promise<CollectionPlan[]> {
  const names = await collectionNames(db);
  return Promise.all(names.map(async (name) => ({ name, indexes: await indexSpecs(db, name) })));
}

/** Collections of a database that hold documents, with how many: a copy goes only into an empty one. */
async function collectionsWithData(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const name of await collectionNames(db)) {
    const any = await db.collection(name).findOne({}, { projection: { _id: 1 } });
    if (any) found.push(`${name}: ${await db.collection(name).countDocuments({})}`);
  }
  return found;
}

export class DatabaseWriter {
  private readonly batches = new Map<string, { docs: Document[]; bytes: number }>();
  private readonly written = new Map<string, number>();
  /** Collections that existed (empty) before: emptied again on failure, not dropped. */
  private readonly existed: Set<string>;
  private readonly touched = new Set<string>();

  private constructor(
    private readonly target: Db,
    private readonly plan: CollectionPlan[],
    existed: string[],
    private readonly progress: Progress,
  ) {
    this.existed = new Set(existed);
  }

  /**
   * Checks that the target holds no documents at all (in any collection, so a restore never mixes
   * with other data), then makes the planned collections and their indexes. Indexes come before
   * the documents: a unique index then refuses a duplicate loudly instead of failing to build later.
   */
  static async open(target: Db, plan: CollectionPlan[], progress: Progress): Promise<DatabaseWriter> {
    const occupied = await collectionsWithData(target);
    if (occupied.length > 0) {
      throw new DatabaseCopyError(
        `The database "${target.databaseName}" already holds data (${occupied.join(', ')} documents), ` +
          'so nothing was copied into it: restore only into an empty database (a fresh DATA_DIR, or a new ' +
          'MongoDB database).',
      );
    }
    const writer = new DatabaseWriter(target, plan, await collectionNames(target), progress);
    try {
      for (const collection of plan) await writer.prepare(collection);
    } catch (error) {
      return writer.abandon(error);
    }
    return writer;
  }

  private async prepare(collection: CollectionPlan): Promise<void> {
    this.touched.add(collection.name);
    this.written.set(collection.name, 0);
    if (!this.existed.has(collection.name)) await this.target.createCollection(collection.name);
    if (collection.indexes.length === 0) return;
    try {
      await this.target
        .collection(collection.name)
        .createIndexes(collection.indexes.map(({ key, ...options }) => ({ key, ...options })));
    } catch (error) {
      throw new DatabaseCopyError(
        `The indexes of "${collection.name}" could not be made in the target ` +
          `(${collection.indexes.map((i) => i.name).join(', ')}): ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  /** Queues one document; writes its collection's batch when full. */
  async add(collection: string, doc: Document): Promise<void> {
    if (!this.written.has(collection)) {
      throw new DatabaseCopyError(`A document of "${collection}", a collection not in the plan, was offered.`);
    }
    let batch = this.batches.get(collection);
    if (!batch) this.batches.set(collection, (batch = { docs: [], bytes: 0 }));
    batch.docs.push(doc);
    batch.bytes += BSON.calculateObjectSize(doc);
    if (batch.docs.length >= BATCH_DOCUMENTS || batch.bytes >= BATCH_BYTES) await this.flush(collection);
  }

  private async flush(collection: string): Promise<void> {
    const batch = this.batches.get(collection);
    if (!batch || batch.docs.length === 0) return;
    this.batches.delete(collection);
    // Ordered: the first failure stops the batch and throws, nothing is skipped silently.
    const result = await this.target.collection(collection).insertMany(batch.docs, { ordered: true });
    if (result.insertedCount !== batch.docs.length) {
      throw new DatabaseCopyError(
        `Only ${result.insertedCount} of ${batch.docs.length} documents of "${collection}" were written.`,
      );
    }
    const total = (this.written.get(collection) ?? 0) + batch.docs.length;
    this.written.set(collection, total);
    if (total % 10_000 < batch.docs.length) this.progress(`  ${collection}: ${total} documents so far…`);
  }

  /**
   * Writes what is queued and checks that the target now holds exactly `expected` documents per
   * collection (what the source or the file had); returns what was copied, in the plan's order.
   */
  async finish(expected: Map<string, number>): Promise<CollectionCopied[]> {
    for (const collection of this.plan) await this.flush(collection.name);
    const report: CollectionCopied[] = [];
    for (const collection of this.plan) {
      const want = expected.get(collection.name) ?? 0;
      const have = await this.target.collection(collection.name).countDocuments({});
      if (have !== want || this.written.get(collection.name) !== want) {
        throw new DatabaseCopyError(
          `"${collection.name}" has ${have} documents in the target where the source has ${want}: ` +
            'the copy is incomplete (was something else writing to either database?).',
        );
      }
      report.push({ collection: collection.name, documents: want, indexes: collection.indexes.length });
    }
    return report;
  }

  /**
   * Undoes the copy after `error` (drops the collections it made, empties those that were there,
   * empty, before) and throws `error`; if undoing fails too, says so, since the target must then be
   * emptied by hand.
   */
  async abandon(error: unknown): Promise<never> {
    this.batches.clear();
    try {
      for (const name of this.touched) {
        const collection = this.target.collection(name);
        if (this.existed.has(name)) await collection.deleteMany({});
        else await collection.drop();
      }
    } catch (cleanup) {
      throw new DatabaseCopyError(
        `${(error as Error).message} Removing the partial copy from "${this.target.databaseName}" failed as ` +
          `well (${(cleanup as Error).message}): empty that database by hand before trying again.`,
        { cause: error },
      );
    }
    throw error;
  }
}
