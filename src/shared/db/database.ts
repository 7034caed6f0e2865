/**
 * Opens the database the configuration asks for: MONGODB_URI when set, otherwise the embedded
 * FerretDB (built on first use). One function for the app, the seed command and benchmarks.
 */
import { connectDatabase, disconnectDatabase } from './connection.js';
import { FERRETDB, ensureGoTool } from './go-tools.js';
import { startEmbeddedFerretDb, type EmbeddedDatabase } from './embedded-ferretdb.js';

/** The part of the configuration that says where the database is (shared code never reads config itself). */
export interface DatabaseSettings {
  /** A MongoDB connection string; absent means the embedded FerretDB. */
  mongodbUri?: string | undefined;
  /** Where the embedded FerretDB keeps its files. */
  dataDir: string;
}

export interface OpenDatabase {
  embedded: boolean;
  /** Where it is, for other processes (the benchmark's app server). */
  uri: string;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseSettings, progress: (line: string) => void): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    const binary = await ensureGoTool(FERRETDB, progress);
    embedded = await startEmbeddedFerretDb({ binary, dataDir: config.dataDir });
    uri = embedded.uri;
  }
  try {
    await connectDatabase(uri);
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
