import type { Collection, Document, ObjectId } from 'mongodb';

/** One record's `$set`, by `_id`. */
export interface SetById {
  _id: ObjectId;
  set: Record<string, unknown>;
}

/** How many single updates are in flight at once: enough to overlap round trips, not to queue. */
const IN_FLIGHT = 8;

/**
 * Applies each `$set` as its own `updateOne`, a few at a time, in place of one `bulkWrite`:
 * FerretDB v1.24 on PostgreSQL did not return from a bulkWrite of 60 updates, and single
 * updates by `_id` are answered from PostgreSQL's index in well under a millisecond each.
 */
export async function updateEach(collection: Collection<Document>, updates: readonly SetById[]): Promise<void> {
  for (let i = 0; i < updates.length; i += IN_FLIGHT) {
    await Promise.all(
      updates.slice(i, i + IN_FLIGHT).map(({ _id, set }) => collection.updateOne({ _id }, { $set: set })),
    );
  }
}
