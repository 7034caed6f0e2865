/**
 * A DATA_DIR made by an earlier version (FerretDB on SQLite files under DATA_DIR/ferretdb) is moved
 * into the embedded PostgreSQL on the first start of this one, and a move that fails leaves it as
 * it was. Real FerretDB on both backends; the app's own openDatabase does the move.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { Long, MongoClient, type Db } from 'mongodb';
import { runSeeds } from '../../seeds/index.js';
import { connectDatabase, disconnectDatabase } from '../../src/shared/db/connection.js';
import { openDatabase, isStartRefusal } from '../../src/shared/db/database.js';
import { startEmbeddedFerretDb } from '../../src/shared/db/embedded-ferretdb.js';
import { FERRETDB, ensureGoTool } from '../../src/shared/db/go-tools.js';
import { documentsOf, indexesOf, userCollections } from '../helpers/db-compare.js';

type Snapshot = Map<string, { documents: string[]; indexes: unknown[] }>;

async function snapshot(db: Db): Promise<Snapshot> {
  const result: Snapshot = new Map();
  for (const name of await userCollections(db)) {
    result.set(name, { documents: await documentsOf(db, name), indexes: await indexesOf(db, name) });
  }
  return result;
}

async function checksums(folder: string): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const file of (await fs.readdir(folder)).sort()) {
    if (!file.endsWith('.sqlite')) continue;
    sums[file] = createHash('sha256')
      .update(await fs.readFile(path.join(folder, file)))
      .digest('hex');
  }
  return sums;
}

describe('first start on a data folder made with SQLite', function () {
  this.timeout(300_000);
  let binary: string;
  let dataDir: string;
  const lines: string[] = [];
  const progress = (line: string) => lines.push(line);

  /** The folder an earlier version left: its FerretDB ran with state and files in DATA_DIR/ferretdb. */
  async function makeLegacyFolder(fill: (uri: string) => Promise<void>) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-legacy-'));
    const folder = path.join(dataDir, 'ferretdb');
    const legacy = await startEmbeddedFerretDb({
      binary,
      stateDir: folder,
      backend: { handler: 'sqlite', directory: folder },
    });
    try {
      await fill(legacy.uri);
    } finally {
      await legacy.stop();
    }
    return folder;
  }

  before(async () => {
    binary = await ensureGoTool(FERRETDB);
  });

  afterEach(async () => {
    await mongoose.disconnect();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    lines.length = 0;
  });

  it('copies every collection, document and index, then keeps the old folder under a new name', async () => {
    const before: Record<string, Snapshot> = {};
    const folder = await makeLegacyFolder(async (uri) => {
      await connectDatabase(uri);
      await runSeeds({ demoUsers: true, socialMap: true });
      await disconnectDatabase();
      const client = await MongoClient.connect(uri);
      const other = client.db('second_foundation');
      await other.collection('notes').createIndex({ code: 1 }, { unique: true });
      await other.collection('notes').insertMany([
        { code: 'a', text: 'บันทึก', at: new Date('2026-01-02T03:04:05Z'), big: Long.fromString('9007199254740993') },
        { code: 'b', nested: [{ x: [1, 2, null] }] },
      ]);
      before.community_foundation = await snapshot(client.db('community_foundation'));
      before.second_foundation = await snapshot(other);
      await client.close();
    });
    assert.ok((before.community_foundation?.size ?? 0) > 5, 'the seeds made collections');

    const db = await openDatabase({ dataDir }, progress);
    try {
      const client = mongoose.connection.getClient();
      for (const [name, collections] of Object.entries(before)) {
        const after = await snapshot(client.db(name));
        assert.deepEqual([...after.keys()].sort(), [...collections.keys()].sort(), `${name}: the same collections`);
        for (const [collection, expected] of collections) {
          assert.deepEqual(after.get(collection), expected, `${name}.${collection}: same documents and indexes`);
        }
      }
    } finally {
      await db.close();
    }
    assert.equal(existsSync(folder), false, 'the old folder is no longer where a start would move it again');
    const kept = (await fs.readdir(dataDir)).filter((f) => f.startsWith('ferretdb-sqlite-moved-'));
    assert.equal(kept.length, 1);
    assert.ok((await fs.readdir(path.join(dataDir, kept[0] ?? ''))).includes('community_foundation.sqlite'));
    assert.ok(
      lines.some((l) => l.includes(kept[0] ?? '?')),
      `the log names the kept folder: ${lines.join('\n')}`,
    );

    // The next start has nothing to move and serves the same data.
    lines.length = 0;
    const again = await openDatabase({ dataDir }, progress);
    try {
      const notes = await mongoose.connection.getClient().db('second_foundation').collection('notes').countDocuments();
      assert.equal(notes, 2);
      assert.ok(!lines.some((l) => l.includes('Moving')), lines.join('\n'));
    } finally {
      await again.close();
    }
  });

  it('leaves the old data untouched, copies nothing, and says so in one sentence when the move fails', async () => {
    const folder = await makeLegacyFolder(async (uri) => {
      const client = await MongoClient.connect(uri);
      await client.db('community_foundation').collection('funds').insertOne({ slug: 'education' });
      await client.close();
    });
    // A damaged database file among the good one: FerretDB cannot read it.
    await fs.writeFile(path.join(folder, 'damaged.sqlite'), 'this is not an SQLite file'.repeat(200));
    const sums = await checksums(folder);

    const failure = await openDatabase({ dataDir }, progress).then(
      async (db) => {
        await db.close();
        return undefined;
      },
      (error: unknown) => error,
    );
    assert.ok(isStartRefusal(failure), `a refusal that explains itself: ${String(failure)}`);
    assert.match(failure.message, /could not be moved .* the old data is untouched and the app did not start/);
    assert.equal(failure.message.split('. ').length, 1, 'one sentence');
    assert.deepEqual(await checksums(folder), sums, 'the old files are byte for byte as they were');
    assert.ok(existsSync(path.join(folder, 'community_foundation.sqlite')));

    // Nothing half-copied in PostgreSQL: a start after the cause is fixed moves everything.
    await fs.rm(path.join(folder, 'damaged.sqlite'));
    const db = await openDatabase({ dataDir }, progress);
    try {
      assert.equal(await mongoose.connection.collection('funds').countDocuments({ slug: 'education' }), 1);
    } finally {
      await db.close();
    }
  });
});
