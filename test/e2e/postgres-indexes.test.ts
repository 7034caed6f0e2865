/**
 * The embedded database's PostgreSQL gets the indexes that FerretDB's equality filters can use,
 * and PostgreSQL's planner does use them for the statements FerretDB sends.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedStack } from '../../src/shared/db/embedded-database.js';
import { FERRETDB, ensureGoTool } from '../../src/shared/db/go-tools.js';

describe('containment indexes on the embedded PostgreSQL', function () {
  this.timeout(120_000);
  let dataDir: string;
  let stack: EmbeddedStack;
  let client: MongoClient;
  let sql: pg.Client;

  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-pgindex-'));
    stack = await startEmbeddedDatabase({ ferretDbBinary: await ensureGoTool(FERRETDB), dataDir, durable: false });
    client = await MongoClient.connect(stack.uri);
    sql = new pg.Client({ connectionString: stack.postgres.url });
    await sql.connect();
  });
  after(async () => {
    await sql?.end();
    await client?.close();
    await stack?.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('adds one for _id and each indexed top-level field, once, and finds the same documents through them', async () => {
    const gifts = client.db('cf_index_test').collection('gifts');
    await gifts.createIndex({ status: 1 });
    await gifts.createIndex({ fundId: 1, createdAt: -1 });
    await gifts.createIndex({ 'donor.userId': 1 });
    await gifts.insertMany(
      Array.from({ length: 3000 }, (_, i) => ({ n: i, status: i % 3 ? 'paid' : 'pending', fundId: `f${i % 9}` })),
    );
    const before = await gifts.find({ status: 'pending', fundId: 'f3' }).toArray();

    await stack.keepIndexed();
    const made = await sql.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'cf_index_test' AND indexname LIKE 'cf\\_contains\\_%'`,
    );
    const fields = made.rows.map((r) => /_jsonb -> '([^']+)'/.exec(r.indexdef)?.[1]).sort();
    assert.deepEqual(fields, ['_id', 'createdAt', 'fundId', 'status']);
    assert.ok(made.rows.every((r) => r.indexdef.includes('USING gin') && r.indexdef.includes('jsonb_path_ops')));
    await stack.keepIndexed();
    const again = await sql.query(`SELECT 1 FROM pg_indexes WHERE indexname LIKE 'cf\\_contains\\_%'`);
    assert.equal(again.rowCount, made.rowCount, 'a second run adds nothing');

    assert.deepEqual(await gifts.find({ status: 'pending', fundId: 'f3' }).toArray(), before, 'same answers');
    const one = before[0];
    assert.ok(one);
    assert.deepEqual(await gifts.findOne({ _id: one._id }), one);

    // The statement FerretDB sends, with the field as a parameter, is planned onto the index.
    const table = (
      await sql.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'cf_index_test' AND tablename LIKE 'gifts%'`,
      )
    ).rows[0]?.tablename;
    assert.ok(table);
    await sql.query(`ANALYZE cf_index_test.${sql.escapeIdentifier(table)}`);
    const plan = await sql.query({
      text: `EXPLAIN SELECT _jsonb FROM cf_index_test.${sql.escapeIdentifier(table)} WHERE _jsonb->$1 @> $2`,
      values: ['status', '"pending"'],
    });
    assert.match(
      plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'),
      /Bitmap Index Scan on cf_contains_/,
    );
  });
});
