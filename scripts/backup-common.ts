/** What `npm run backup` and `npm run restore` share: opening the configured database, and saying why they stopped. */
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { loadConfig, loadDotEnv, ConfigError, type AppConfig } from '../src/config/index.js';
import { openDatabase, type OpenDatabase } from '../src/shared/db/database.js';
import { DatabaseCopyError, type CollectionCopied } from '../src/shared/db/database-copy.js';
import { ToolUnavailableError } from '../src/shared/db/go-tools.js';
import { setLogLevel } from '../src/shared/logger.js';

export interface Opened {
  config: AppConfig;
  db: Db;
  database: OpenDatabase;
  /** "the embedded database in /srv/cf/data" or "MongoDB database community_foundation". */
  where: string;
}

export async function openConfigured(): Promise<Opened> {
  loadDotEnv();
  const config = loadConfig();
  setLogLevel(process.env.LOG_LEVEL ?? 'warn');
  const database = await openDatabase(config, (line) => console.log(line));
  const db = mongoose.connection.db;
  if (!db) {
    await database.close();
    throw new Error('the database connection opened without a database');
  }
  const where = database.embedded
    ? `the embedded database in ${config.dataDir} (database "${db.databaseName}")`
    : `the MongoDB database "${db.databaseName}" (MONGODB_URI)`;
  return { config, db, database, where };
}

/** "224 documents in 32 collections". */
export function totals(collections: CollectionCopied[]): string {
  const documents = collections.reduce((sum, c) => sum + c.documents, 0);
  return `${documents} documents in ${collections.length} collections`;
}

/** One sentence for the operator: what went wrong and what to do; the stack only for the unexpected. */
export function explainFailure(error: unknown, action: 'Backup' | 'Restore', dataDir?: string): string {
  if (error instanceof ConfigError || error instanceof ToolUnavailableError) return error.message;
  if (error instanceof DatabaseCopyError) return `${action} stopped. ${error.message}`;
  // Thrown by the embedded database's start (embedded-postgres.ts) when the app is running on the folder.
  if (error instanceof Error && error.name === 'DataDirInUseError') {
    const pid = /pid (\d+)/.exec(error.message)?.[1];
    return (
      `${action} not started: the app${pid ? ` (pid ${pid})` : ''} is running on the embedded database in ` +
      `${dataDir ?? 'DATA_DIR'}, which only one process can use at a time. Stop the app, run the ` +
      `${action.toLowerCase()} again, then start the app.`
    );
  }
  return `${action} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
