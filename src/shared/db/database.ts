/**
 * Opens the database the configuration asks for: MONGODB_URI when set, otherwise the embedded
 * FerretDB (built on first use). One function for the app, the seed command and benchmarks.
 */
import { connectDatabase, disconnectDatabase } from './connection.js';
import { FERRETDB, ensureGoTool } from './go-tools.js';
import { startEmbeddedFerretDb, type EmbeddedDatabase } from './embedded-ferretdb.js';
import type { AppConfig } from '../../config/index.js';

export interface OpenDatabase {
  embedded: boolean;
  /** Where it is, for other processes (the benchmark's app server). */
  uri: string;
  close(): Promise<void>;
}

export async function openDatabase(config: AppConfig, progress: (line: string) => void): Promise<OpenDatabase> {
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
