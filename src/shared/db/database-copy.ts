/**
 * Copies one whole database into another through the MongoDB driver (there is no mongodump here,
 * and FerretDB's storage cannot be copied as files from one backend to another): every collection
 * but `system.*`, every document with its exact BSON types, and every index. Used to move a data
 * folder to another embedded backend and between MongoDB and the embedded database.
 *
 * Backups to a file are database-dump.ts; both share database-writer.ts, which refuses a target
 * that holds data and removes a half-made copy.
 */
import type { Db } from 'mongodb';
import { DatabaseWriter, EXACT_TYPES, describeDatabase, DatabaseCopyError } from './database-writer.js';
import type { CollectionCopied, Progress } from './database-writer.js';

export { DatabaseCopyError, type CollectionCopied, type Progress } from './database-writer.js';

/** Documents read per round trip from the source (the writer batches its inserts the same way). */
const READ_BATCH = 1_000;

/**
 * Copies every collection of `source` into `target` and returns, per collection, how many
 * documents and indexes (besides `_id_`) it copied.
 *
 * - `target` must hold no documents in any collection (empty collections, say with the indexes a
 *   starting app made, are fine): otherwise it throws DatabaseCopyError and writes nothing.
 * - Indexes are made first, with their names and unique/sparse options, then the documents in
 *   ordered batches of at most 1,000: the first refused insert stops the copy with its error.
 * - At the end each collection's count in the target must equal the source's, before and after
 *   the copy (nothing may write to either database meanwhile: stop the app).
 * - On any failure the target is put back as it was (collections made are dropped) and the error
 *   is thrown again, so a failed copy can simply be run again.
 *
 * `progress` gets one line per collection (and one per 10,000 documents of a large one).
 */
export async function copyDatabase(
  source: Db,
  target: Db,
  progress: Progress = () => undefined,
): Promise<CollectionCopied[]> {
  if (source.client === target.client && source.databaseName === target.databaseName) {
    throw new DatabaseCopyError(`A database cannot be copied into itself ("${source.databaseName}").`);
  }
  const plan = await describeDatabase(source);
  const before = new Map<string, number>();
  for (const { name } of plan) before.set(name, await source.collection(name).countDocuments({}));
  const writer = await DatabaseWriter.open(target, plan, progress);
  try {
    const read = new Map<string, number>();
    for (const { name, indexes } of plan) {
      let documents = 0;
      const cursor = source.collection(name).find({}, { ...EXACT_TYPES, batchSize: READ_BATCH });
      for await (const doc of cursor) {
        await writer.add(name, doc);
        documents++;
      }
      read.set(name, documents);
      progress(`${name}: ${documents} documents, ${indexes.length} indexes`);
    }
    for (const { name } of plan) {
      const after = await source.collection(name).countDocuments({});
      if (after !== before.get(name) || after !== read.get(name)) {
        throw new DatabaseCopyError(
          `"${name}" changed while it was being copied (${before.get(name)} documents before, ${after} after, ` +
            `${read.get(name)} read): stop the app that uses the source database and copy again.`,
        );
      }
    }
    return await writer.finish(read);
  } catch (error) {
    return writer.abandon(error);
  }
}
