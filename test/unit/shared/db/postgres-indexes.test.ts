import assert from 'node:assert/strict';
import { containmentIndexesFor } from '../../../../src/shared/db/postgres-indexes.js';

const row = (tablename: string, indexdef: string) => ({ schemaname: 'cf', tablename, indexdef });

describe('containmentIndexesFor', () => {
  it('asks for one GIN index per top-level field of btree indexes, _id and compound keys included', () => {
    const wanted = containmentIndexesFor([
      row('donations_1', `CREATE UNIQUE INDEX a ON cf.donations_1 USING btree (((_jsonb -> '_id'::text)))`),
      row('donations_1', `CREATE INDEX b ON cf.donations_1 USING btree (((_jsonb -> 'status'::text)))`),
      row(
        'donations_1',
        `CREATE INDEX c ON cf.donations_1 USING btree (((_jsonb -> 'fundId'::text)), ((_jsonb -> 'status'::text)) DESC)`,
      ),
    ]);
    assert.deepEqual(wanted.map((w) => w.field).sort(), ['_id', 'fundId', 'status']);
    assert.ok(wanted.every((w) => w.schema === 'cf' && w.table === 'donations_1'));
    assert.ok(
      wanted.every((w) => /^cf_contains_[0-9a-f]{16}$/.test(w.name)),
      'names fit PostgreSQL (63 bytes)',
    );
    assert.equal(new Set(wanted.map((w) => w.name)).size, 3);
  });

  it("passes over nested fields (FerretDB filters dot notation in Go), non-btree indexes and FerretDB's metadata", () => {
    const wanted = containmentIndexesFor([
      row('_ferretdb_database_metadata', `CREATE UNIQUE INDEX m ON cf.x USING btree (((_jsonb -> '_id'::text)))`),
      row('d', `CREATE INDEX x ON cf.d USING btree ((((_jsonb -> 'donor'::text) -> 'userId'::text)))`),
      row('d', `CREATE INDEX y ON cf.d USING gin (((_jsonb -> 'tags'::text)) jsonb_path_ops)`),
    ]);
    assert.deepEqual(wanted, []);
  });

  it("reads a quoted field name back exactly (it's SQL-escaped in the catalogue)", () => {
    const [one] = containmentIndexesFor([row('t', `CREATE INDEX z ON cf.t USING btree (((_jsonb -> 'it''s'::text)))`)]);
    assert.equal(one?.field, "it's");
  });

  it('gives the same field of two tables two different names', () => {
    const wanted = containmentIndexesFor([
      row('a', `CREATE UNIQUE INDEX i ON cf.a USING btree (((_jsonb -> '_id'::text)))`),
      row('b', `CREATE UNIQUE INDEX j ON cf.b USING btree (((_jsonb -> '_id'::text)))`),
    ]);
    assert.equal(new Set(wanted.map((w) => w.name)).size, 2);
  });
});
