import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { MongoClient, type Db } from 'mongodb';
import { useTestApp } from '../helpers/context.js';
import { runSeeds } from '../../seeds/index.js';
import { storeBuffer, readStoredFile } from '../../src/shared/files.js';
import { dumpDatabase, loadDump } from '../../src/shared/db/database-dump.js';
import { PROJECT_ROOT } from '../../src/shared/paths.js';
import { assertSameDatabase, userCollections } from '../helpers/db-compare.js';

const run = promisify(execFile);

/** A PDF of a little over 3 MB: GridFS chunks (255 kB each) make large documents in a batch. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 1024 * 1024)]);

/** `npm run backup` / `npm run restore` as an operator runs them, against MongoDB (MONGODB_URI). */
async function script(name: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('backup and restore of the seeded database', function () {
  this.timeout(240_000);
  const ctx = useTestApp();
  let client: MongoClient;
  let seeded: Db;
  let tmp: string;
  let fileId: string;
  const made: string[] = [];
  const uriOf = (dbName: string) => {
    const url = new URL(process.env.TEST_MONGODB_URI ?? '');
    url.pathname = `/${dbName}`;
    return url.toString();
  };
  const freshName = () => {
    const name = `restore_${randomBytes(5).toString('hex')}`;
    made.push(name);
    return name;
  };

  before(async () => {
    await runSeeds({ demoUsers: true });
    fileId = (await storeBuffer({ buffer: PDF, originalname: 'แผนงาน.pdf' }, 'attachments', { applicationId: 'x' }))
      .fileId;
    client = await MongoClient.connect(process.env.TEST_MONGODB_URI ?? '');
    seeded = client.db(ctx.dbName);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-restore-'));
  });

  after(async () => {
    for (const name of made) await client.db(name).dropDatabase();
    await client.close();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('a dump of the seeded database loads into another exactly, uploaded files included', async () => {
    const db = mongoose.connection.db;
    assert.ok(db);
    const file = path.join(tmp, 'seeded.ejson.gz');
    const dumped = await dumpDatabase(db, file);
    const counts = Object.fromEntries(dumped.collections.map((c) => [c.collection, c.documents]));
    assert.equal(counts.funds, 9);
    assert.equal(counts.users, 5);
    assert.equal(counts.organisations, await seeded.collection('organisations').countDocuments({}));
    assert.ok(counts.organisations >= 178, 'the Surin social map and the sample grant call');
    assert.equal(counts['uploads.chunks'], 13, 'the 3 MB file in 255 kB chunks');
    const target = client.db(freshName());
    await loadDump(file, target);
    const documents = await assertSameDatabase(seeded, target);
    assert.ok(documents > 200, `${documents} documents compared`);
    assert.ok((await userCollections(target)).length >= 10);
  });

  it('npm run backup writes DATA_DIR/backups/backup-<time>.ejson.gz, and npm run restore puts it back', async () => {
    const dataDir = path.join(tmp, 'data');
    const backup = await script('backup', [], { MONGODB_URI: uriOf(ctx.dbName), DATA_DIR: dataDir });
    assert.equal(backup.code, 0, backup.stderr + backup.stdout);
    const [name, ...others] = await fs.readdir(path.join(dataDir, 'backups'));
    assert.equal(others.length, 0);
    assert.match(name ?? '', /^backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.ejson\.gz$/);
    const file = path.join(dataDir, 'backups', name ?? '');
    assert.match(backup.stdout, new RegExp(`Backup written: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.match(backup.stdout, / {2}organisations: \d{3} documents\n/);

    const restoredName = freshName();
    const restore = await script('restore', [file], { MONGODB_URI: uriOf(restoredName) });
    assert.equal(restore.code, 0, restore.stderr + restore.stdout);
    const collections = await userCollections(seeded);
    let documents = 0;
    for (const name of collections) documents += await seeded.collection(name).countDocuments({});
    assert.match(
      restore.stdout,
      new RegExp(
        `Restored the backup of database "${ctx.dbName}" taken 20.* ${documents} documents in ${collections.length} collections\\.`,
      ),
    );
    await assertSameDatabase(seeded, client.db(restoredName));

    // The restored database serves the app: the uploaded file reads back byte for byte.
    await mongoose.disconnect();
    await mongoose.connect(uriOf(restoredName));
    try {
      assert.ok((await readStoredFile(fileId)).equals(PDF));
    } finally {
      await mongoose.disconnect();
      await mongoose.connect(uriOf(ctx.dbName));
    }

    // A second restore into the same database is refused and changes nothing.
    const again = await script('restore', [file], { MONGODB_URI: uriOf(restoredName) });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^Restore stopped\. The database "restore_\w+" already holds data \(.*\), so nothing/);
    await assertSameDatabase(seeded, client.db(restoredName));
  });

  it('the scripts explain a wrong call and a damaged file in one sentence', async () => {
    const usage = await script('restore', [], { MONGODB_URI: uriOf(freshName()) });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^Usage: npm run restore -- FILE/);
    const badUsage = await script('backup', ['--outt', 'x'], { MONGODB_URI: uriOf(ctx.dbName) });
    assert.equal(badUsage.code, 2);
    const file = path.join(tmp, 'broken.ejson.gz');
    await fs.writeFile(file, (await fs.readFile(path.join(tmp, 'seeded.ejson.gz'))).subarray(0, 10_000));
    const target = freshName();
    const broken = await script('restore', [file], { MONGODB_URI: uriOf(target) });
    assert.equal(broken.code, 1);
    assert.match(
      broken.stderr,
      /^Restore stopped\. The backup file .* is damaged or incomplete .* nothing was restored/,
    );
    assert.deepEqual(await userCollections(client.db(target)), []);
  });
});
