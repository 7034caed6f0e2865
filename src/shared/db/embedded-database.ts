/**
 * The embedded default: PostgreSQL under DATA_DIR/postgres, and FerretDB in front of it speaking
 * MongoDB's protocol on a loopback port. Started in that order, stopped in the reverse one.
 */
import path from 'node:path';
import { startEmbeddedFerretDb, type EmbeddedDatabase } from './embedded-ferretdb.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

/** FerretDB's own small state (not the documents: those are in PostgreSQL). */
export const FERRETDB_STATE_FOLDER = 'ferretdb-state';

export interface EmbeddedStack extends EmbeddedDatabase {
  postgres: EmbeddedPostgres;
  ferretdb: EmbeddedDatabase;
}

export async function startEmbeddedDatabase(options: {
  ferretDbBinary: string;
  dataDir: string;
  durable?: boolean;
  progress?: (line: string) => void;
}): Promise<EmbeddedStack> {
  const postgres = await startEmbeddedPostgres(options);
  let ferretdb: EmbeddedDatabase;
  try {
    ferretdb = await startEmbeddedFerretDb({
      binary: options.ferretDbBinary,
      stateDir: path.join(options.dataDir, FERRETDB_STATE_FOLDER),
      backend: { handler: 'postgresql', postgresUrl: postgres.url },
    });
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    uri: ferretdb.uri,
    port: ferretdb.port,
    pid: ferretdb.pid,
    postgres,
    ferretdb,
    stop() {
      stopping ??= ferretdb.stop().finally(() => postgres.stop());
      return stopping;
    },
  };
}
