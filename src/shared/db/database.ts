/**
 * Opens the database the configuration asks for: MONGODB_URI when set, otherwise the embedded
 * FerretDB on PostgreSQL (FerretDB built on first use). One function for the app, the seed
 * command, the backup scripts and benchmarks.
 */
import { connectDatabase, disconnectDatabase } from './connection.js';
import { FERRETDB, ToolUnavailableError, ensureGoTool } from './go-tools.js';
import { DataDirInUseError } from './embedded-postgres.js';
import { startEmbeddedDatabase, type EmbeddedStack } from './embedded-database.js';
import { MigrationError, migrateLegacySqlite } from './sqlite-migration.js';

/** Errors whose message is the whole story for the person starting the app (no stack trace). */
export function isStartRefusal(error: unknown): error is Error {
  return error instanceof ToolUnavailableError || error instanceof MigrationError || error instanceof DataDirInUseError;
}

/** The part of the configuration that says where the database is (shared code never reads config itself). */
export interface DatabaseSettings {
  /** A MongoDB connection string; absent means the embedded FerretDB. */
  mongodbUri?: string | undefined;
  /** Where the embedded database keeps its files. */
  dataDir: string;
}

export interface OpenDatabase {
  embedded: boolean;
  /** Where it is, for other processes (the benchmark's app server). */
  uri: string;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseSettings, progress: (line: string) => void): Promise<OpenDatabase> {
  let embedded: EmbeddedStack | undefined;
  let uri = config.mongodbUri;
  let binary = '';
  if (!uri) {
    binary = await ensureGoTool(FERRETDB, progress);
    embedded = await startEmbeddedDatabase({ ferretDbBinary: binary, dataDir: config.dataDir, progress });
    uri = embedded.uri;
  }
  try {
    if (embedded) {
      await migrateLegacySqlite({ dataDir: config.dataDir, ferretDbBinary: binary, targetUri: uri, progress });
    }
    await connectDatabase(uri);
    await embedded?.keepIndexed();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    embedded: !!embedded,
    uri,
    async close() {
      await disconnectDatabase();
      await embedded?.stop();
    },
  };
}
