/**
 * The same load table on FerretDB's SQLite backend (the embedded default before PostgreSQL), in
 * the same run: a second FerretDB on SQLite files in a temporary folder, the whole benchmark
 * database copied into it through the driver (sessions included, so the same cookies sign in),
 * then the load pages against it (webhooks are not repeated there: 4/s before, see the issue).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import { MongoClient } from 'mongodb';
import { startEmbeddedFerretDb } from '../src/shared/db/embedded-ferretdb.js';
import { copyDatabase } from '../src/shared/db/database-copy.js';
import { DEFAULT_DB_NAME } from '../src/shared/db/connection.js';
import { FERRETDB, ensureGoTool } from '../src/shared/db/go-tools.js';
import { say } from './harness.js';
import { runLoadTable, type LoadPage, type LoadRow } from './load.js';

export interface SqliteRun {
  copyMs: number;
  rows: LoadRow[];
}

export async function sqliteRun(workDir: string, pages: LoadPage[], bareData: string): Promise<SqliteRun> {
  const directory = path.join(workDir, 'sqlite');
  await fs.mkdir(directory, { recursive: true });
  const ferret = await startEmbeddedFerretDb({
    binary: await ensureGoTool(FERRETDB),
    stateDir: path.join(workDir, 'sqlite-state'),
    backend: { handler: 'sqlite', directory },
  });
  const client = new MongoClient(ferret.uri);
  try {
    await client.connect();
    const t0 = performance.now();
    await copyDatabase(mongoose.connection.db as never, client.db(DEFAULT_DB_NAME));
    const copyMs = Math.round(performance.now() - t0);
    say(`sqlite: benchmark database copied in ${copyMs} ms`);
    const rows = await runLoadTable(pages, ferret.uri, bareData, 'sqlite');
    return { copyMs, rows };
  } finally {
    await client.close();
    await ferret.stop();
  }
}
