/**
 * Two databases compared exactly, for the copy and backup tests: every collection's documents as
 * canonical Extended JSON (so an int64 read back as an int32, or a double as an int, is a
 * difference), sorted by _id, and every collection's index list.
 */
import assert from 'node:assert/strict';
import { BSON, type Db, type Document } from 'mongodb';

const EXACT = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true };

export async function userCollections(db: Db): Promise<string[]> {
  const all = await db.listCollections({}, { nameOnly: true }).toArray();
  return all
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.'))
    .sort();
}

export async function documentsOf(db: Db, name: string): Promise<string[]> {
  const docs = await db.collection(name).find({}, EXACT).sort({ _id: 1 }).toArray();
  return docs.map((doc) => BSON.EJSON.stringify(doc, { relaxed: false }));
}

export async function indexesOf(db: Db, name: string): Promise<Document[]> {
  const indexes = await db.collection(name).listIndexes().toArray();
  return indexes
    .map(({ v: _v, ns: _ns, ...index }) => index)
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** Asserts that `copy` holds the same collections, documents and indexes as `original`; returns the document count. */
export async function assertSameDatabase(original: Db, copy: Db): Promise<number> {
  const names = await userCollections(original);
  assert.deepEqual(await userCollections(copy), names, 'the same collections');
  let documents = 0;
  for (const name of names) {
    const [want, have] = await Promise.all([documentsOf(original, name), documentsOf(copy, name)]);
    assert.equal(have.length, want.length, `${name}: the same number of documents`);
    for (let i = 0; i < want.length; i++) assert.equal(have[i], want[i], `${name}: document ${i}`);
    assert.deepEqual(await indexesOf(copy, name), await indexesOf(original, name), `${name}: the same indexes`);
    documents += want.length;
  }
  return documents;
}
