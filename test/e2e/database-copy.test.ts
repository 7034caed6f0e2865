import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Binary, Double, Int32, Long, MongoClient, ObjectId, type Db } from 'mongodb';
import { copyDatabase, DatabaseCopyError } from '../../src/shared/db/database-copy.js';
import { dumpDatabase, loadDump } from '../../src/shared/db/database-dump.js';
import { assertSameDatabase, userCollections } from '../helpers/db-compare.js';

/** Enough documents for several insert batches (1,000 each). */
const ITEMS = 2_345;

async function seedVaried(db: Db): Promise<void> {
  const people = db.collection('people');
  await people.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
  await people.createIndex({ 'address.province': 1, createdAt: -1 });
  await people.createIndex({ nickname: 1 }, { sparse: true });
  await people.insertMany([
    {
      _id: new ObjectId(),
      email: 'somchai@example.org',
      name: 'สมชาย ใจดี',
      nickname: 'ชาย',
      createdAt: new Date('2026-01-02T03:04:05.678Z'),
      // Arrays inside objects inside arrays (FerretDB v1 refuses an array directly in an array).
      address: { province: 'สงขลา', lines: ['12/3 หมู่ 4', { parts: ['ต.บ่อยาง', 'อ.เมือง'] }] },
      amountSatang: Long.fromString('9007199254740993'),
      smallLong: Long.fromNumber(5),
      count: new Int32(7),
      ratio: new Double(1),
      share: 0.125,
      photo: new Binary(Buffer.from([0, 1, 2, 250, 255])),
      uuid: new Binary(Buffer.alloc(16, 7), Binary.SUBTYPE_UUID),
      deletedAt: null,
      verified: true,
      tags: [],
      nested: { deeper: { deepest: [{ a: 1 }, { b: [null, 'ไทย'] }] } },
    },
    { _id: new ObjectId(), email: 'anna@example.org', name: 'Anna', createdAt: new Date(0), deletedAt: null },
  ]);
  const items = db.collection('items');
  await items.createIndex({ code: 1 }, { unique: true });
  await items.createIndex({ fundId: 1, at: -1 });
  const fundIds = [new ObjectId(), new ObjectId()];
  await items.insertMany(
    Array.from({ length: ITEMS }, (_, i) => ({
      code: `item-${i}`,
      label: `รายการที่ ${i % 100}`,
      fundId: fundIds[i % 2],
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      amount: i % 3 === 0 ? Long.fromNumber(i * 1_000_000) : new Int32(i),
    })),
  );
  // A collection with string ids, and one left empty but indexed (it must still exist after a restore).
  await db.collection('markers').insertMany([{ _id: 'fund:1' as never, n: 1 }, { _id: 'fund:2' as never }]);
  await db.createCollection('empty');
  await db.collection('empty').createIndex({ slug: 1 }, { unique: true });
}

describe('database copy and backup file', function () {
  this.timeout(120_000);
  let client: MongoClient;
  const made: string[] = [];
  let tmp: string;
  let source: Db;

  const freshDb = () => {
    const name = `copy_${randomBytes(5).toString('hex')}`;
    made.push(name);
    return client.db(name);
  };

  before(async () => {
    const uri = process.env.TEST_MONGODB_URI;
    if (!uri) throw new Error('TEST_MONGODB_URI is not set: run the tests with mocha (root hooks)');
    client = await MongoClient.connect(uri);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-backup-'));
    source = freshDb();
    await seedVaried(source);
  });

  after(async () => {
    for (const name of made) await client.db(name).dropDatabase();
    await client.close();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('copies every collection, document and index exactly', async () => {
    const target = freshDb();
    const lines: string[] = [];
    const report = await copyDatabase(source, target, (line) => lines.push(line));
    assert.deepEqual(report, [
      { collection: 'empty', documents: 0, indexes: 1 },
      { collection: 'items', documents: ITEMS, indexes: 2 },
      { collection: 'markers', documents: 2, indexes: 0 },
      { collection: 'people', documents: 2, indexes: 3 },
    ]);
    assert.equal(await assertSameDatabase(source, target), ITEMS + 4);
    assert.ok(
      lines.some((line) => line.startsWith('items: 2345 documents')),
      lines.join('\n'),
    );
    // The types themselves, not only their text: an int64 stays a Long on reading back.
    const somchai = await target
      .collection('people')
      .findOne({ email: 'somchai@example.org' }, { promoteLongs: false });
    assert.ok(somchai?.amountSatang instanceof Long);
    assert.equal(somchai.amountSatang.toString(), '9007199254740993');
  });

  it('dumps to one gzip file and loads it back exactly', async () => {
    const file = path.join(tmp, 'nested', 'backup.ejson.gz');
    const dumped = await dumpDatabase(source, file);
    assert.equal(dumped.database, source.databaseName);
    assert.deepEqual(
      dumped.collections.map((c) => [c.collection, c.documents]),
      [
        ['empty', 0],
        ['items', ITEMS],
        ['markers', 2],
        ['people', 2],
      ],
    );
    assert.equal((await fs.stat(file)).mode & 0o777, 0o600, 'only its owner may read a backup');
    await assert.rejects(fs.access(`${file}.partial`), 'no partial file left');
    const lines = gunzipSync(await fs.readFile(file))
      .toString('utf8')
      .split('\n');
    assert.equal(lines.length, ITEMS + 4 + 2, 'a header, one line per document, a final newline');
    assert.match(lines[0] ?? '', /^\{"format":"community-foundation-backup","version":\{"\$numberInt":"1"\}/);
    assert.ok(lines.some((l) => l.includes('"$numberLong":"9007199254740993"')));

    const target = freshDb();
    const loaded = await loadDump(file, target);
    assert.deepEqual(
      loaded.collections,
      dumped.collections.map((c) => ({ ...c })),
    );
    assert.equal(loaded.createdAt.getTime(), dumped.createdAt.getTime());
    assert.equal(await assertSameDatabase(source, target), ITEMS + 4);
  });

  it('refuses a target that holds data, and writes nothing into it', async () => {
    const target = freshDb();
    await target.collection('sessions').insertOne({ _id: 'abc' as never, data: 'x' });
    await assert.rejects(copyDatabase(source, target), (error: Error) => {
      assert.ok(error instanceof DatabaseCopyError);
      assert.match(error.message, /already holds data \(sessions: 1 documents\).*restore only into an empty/);
      return true;
    });
    const file = path.join(tmp, 'refuse.ejson.gz');
    await dumpDatabase(source, file);
    await assert.rejects(loadDump(file, target), /already holds data/);
    assert.deepEqual(await userCollections(target), ['sessions']);
  });

  it('stops at the first refused insert and removes what it had written', async () => {
    const target = freshDb();
    // An empty collection the target already had (as an app's start makes), with a rule the data breaks.
    await target.collection('items').createIndex({ label: 1 }, { unique: true, name: 'label_unique' });
    await assert.rejects(copyDatabase(source, target), /duplicate key|E11000/);
    assert.deepEqual(await userCollections(target), ['items'], 'the collections the copy made are dropped');
    assert.equal(await target.collection('items').countDocuments({}), 0, 'and the one that was there is empty');
  });

  it('refuses a copy or a backup of a database that changed meanwhile (the app was left running)', async () => {
    const changing = freshDb();
    await copyDatabase(source, changing);
    // The first collection is done when progress reports it; a write then lands in a later one.
    const writeOnce = () => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        void changing.collection('people').insertOne({ email: `late-${randomBytes(3).toString('hex')}` });
      };
    };
    const target = freshDb();
    await assert.rejects(copyDatabase(changing, target, writeOnce()), /"people" changed while it was being copied/);
    assert.deepEqual(await userCollections(target), [], 'the half-made copy is removed');

    const file = path.join(tmp, 'changing.ejson.gz');
    await assert.rejects(dumpDatabase(changing, file, writeOnce()), /"people" changed during the backup/);
    assert.deepEqual(
      (await fs.readdir(tmp)).filter((f) => f.startsWith('changing')),
      [],
      'no file that looks like a backup',
    );
  });

  describe('a damaged backup file', () => {
    let good: Buffer;
    let text: string;
    before(async () => {
      const file = path.join(tmp, 'good.ejson.gz');
      await dumpDatabase(source, file);
      good = await fs.readFile(file);
      text = gunzipSync(good).toString('utf8');
    });

    const cases: [string, () => Buffer, RegExp][] = [
      ['cut off half-way', () => good.subarray(0, Math.floor(good.length / 2)), /unexpected end of file/],
      ['cut off at a line, then compressed again', () => gzipSync(text.slice(0, text.length / 2)), /cut off/],
      [
        'missing one document',
        () => gzipSync(text.replace(/^.*"item-7".*\n/m, '')),
        /"items" has 2344 of its 2345 documents/,
      ],
      ['with a line that is not JSON', () => gzipSync(text.replace('"item-9"', '"item-9')), /line \d+: not valid/],
      ['not compressed', () => Buffer.from(text), /incorrect header check/],
      ['without its header', () => gzipSync(text.slice(text.indexOf('\n') + 1)), /not a backup header/],
      ['empty', () => gzipSync(''), /the file is empty/],
    ];
    for (const [what, make, detail] of cases) {
      it(`${what}: refused before anything is written`, async () => {
        const file = path.join(tmp, `bad-${randomBytes(3).toString('hex')}.ejson.gz`);
        await fs.writeFile(file, make());
        const target = freshDb();
        await assert.rejects(loadDump(file, target), (error: Error) => {
          assert.ok(error instanceof DatabaseCopyError, String(error));
          assert.match(error.message, /is damaged or incomplete \(.*\), so nothing was restored/);
          assert.match(error.message, detail);
          return true;
        });
        assert.deepEqual(await userCollections(target), [], 'the target is left without any collection');
      });
    }

    it('a missing file is named', async () => {
      await assert.rejects(loadDump(path.join(tmp, 'nope.ejson.gz'), freshDb()), /There is no backup file .*nope/);
    });
  });
});
