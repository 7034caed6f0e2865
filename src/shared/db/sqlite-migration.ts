/**
 * Earlier versions kept the embedded database in SQLite files under DATA_DIR/ferretdb. On the first
 * start of this version such a folder is moved into the embedded PostgreSQL: FerretDB is started
 * once more on the old files (on another port), every database is copied through the driver with
 * its indexes and counted (database-copy.ts), and the old folder is then renamed, never deleted.
 * A failed move undoes its half-made copy and leaves the old folder exactly where it was.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { logger } from '../logger.js';
import { stopStaleProcess } from './child-process.js';
import { copyDatabase } from './database-copy.js';
import { startEmbeddedFerretDb, type EmbeddedDatabase } from './embedded-ferretdb.js';

const log = logger.child({ module: 'migration' });

/** FerretDB's SQLite backend keeps one `<database>.sqlite` file per database. */
const LEGACY_FOLDER = 'ferretdb';
const SYSTEM_DATABASES = new Set(['admin', 'local', 'config']);

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationReport {
  /** Where the old folder is kept now. */
  keptAt: string;
  databases: { name: string; collections: number; documents: number }[];
}

export async function legacySqliteFolder(dataDir: string): Promise<string | undefined> {
  const folder = path.join(dataDir, LEGACY_FOLDER);
  if (!existsSync(folder)) return undefined;
  const files = await fs.readdir(folder);
  return files.some((file) => file.endsWith('.sqlite')) ? folder : undefined;
}

async function copyAll(
  legacyUri: string,
  targetUri: string,
  progress: (line: string) => void,
): Promise<MigrationReport['databases']> {
  const source = await MongoClient.connect(legacyUri, { serverSelectionTimeoutMS: 10_000 });
  const target = await MongoClient.connect(targetUri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const { databases } = await source.db('admin').admin().listDatabases({ nameOnly: true });
    const names = databases.map((d) => d.name).filter((name) => !SYSTEM_DATABASES.has(name));
    const report: MigrationReport['databases'] = [];
    for (const name of names) {
      // Only a failed earlier attempt can have left anything here: start that database afresh.
      await target.db(name).dropDatabase();
      progress(`Moving database "${name}"…`);
      const copied = await copyDatabase(source.db(name), target.db(name), (line) => progress(`  ${line}`));
      report.push({ name, collections: copied.length, documents: copied.reduce((n, c) => n + c.documents, 0) });
    }
    return report;
  } catch (error) {
    // copyDatabase undoes its own database; drop the ones finished before the failure too.
    const { databases } = await source.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (!SYSTEM_DATABASES.has(name))
        await target
          .db(name)
          .dropDatabase()
          .catch(() => undefined);
    }
    throw error;
  } finally {
    await source.close();
    await target.close();
  }
}

function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/**
 * Moves the SQLite data under DATA_DIR/ferretdb into the database at `targetUri` (the embedded
 * PostgreSQL's FerretDB, already running). Returns undefined when there is nothing to move.
 */
export async function migrateLegacySqlite(options: {
  dataDir: string;
  ferretDbBinary: string;
  targetUri: string;
  progress: (line: string) => void;
  now?: Date;
}): Promise<MigrationReport | undefined> {
  const folder = await legacySqliteFolder(options.dataDir);
  if (!folder) return undefined;
  const { progress } = options;
  progress(`Moving the data in ${folder} from SQLite to the embedded PostgreSQL (once)…`);
  // An earlier version's FerretDB left running by a crash would still hold the files.
  await stopStaleProcess(path.join(folder, 'ferretdb.pid'), 'ferretdb', 'SIGTERM', (pid) =>
    log.warn({ pid }, 'stopping an earlier version’s FerretDB left running'),
  );
  // Its own state folder, so that nothing is written into the old one but SQLite's own journal.
  const stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-migration-'));
  let legacy: EmbeddedDatabase | undefined;
  let databases: MigrationReport['databases'];
  try {
    legacy = await startEmbeddedFerretDb({
      binary: options.ferretDbBinary,
      stateDir,
      backend: { handler: 'sqlite', directory: folder },
    });
    databases = await copyAll(legacy.uri, options.targetUri, progress);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `The data in ${folder} could not be moved to the embedded PostgreSQL (${reason}); ` +
        'the old data is untouched and the app did not start: fix the cause, or start with a new DATA_DIR.',
    );
  } finally {
    await legacy?.stop();
    await fs.rm(stateDir, { recursive: true, force: true });
  }
  const keptAt = path.join(options.dataDir, `ferretdb-sqlite-moved-${stamp(options.now ?? new Date())}`);
  await fs.rename(folder, keptAt);
  const documents = databases.reduce((n, d) => n + d.documents, 0);
  const collections = databases.reduce((n, d) => n + d.collections, 0);
  log.info({ keptAt, databases }, 'SQLite data moved to PostgreSQL');
  progress(
    `Moved ${documents} documents in ${collections} collections to PostgreSQL, each collection counted. ` +
      `The old SQLite folder is kept at ${keptAt}: delete it once you are satisfied.`,
  );
  return { keptAt, databases };
}
