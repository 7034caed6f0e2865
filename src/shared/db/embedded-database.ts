/**
 * The embedded default: PostgreSQL under DATA_DIR/postgres, and FerretDB in front of it speaking
 * MongoDB's protocol on a loopback port. Started in that order, stopped in the reverse one.
 */
import path from 'node:path';
import { startEmbeddedFerretDb, type EmbeddedDatabase } from './embedded-ferretdb.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { addContainmentIndexes } from './postgres-indexes.js';
import { logger } from '../logger.js';

/** New collections (and their indexes) get their containment indexes within this long. */
const INDEX_CHECK_MS = 60_000;

/** FerretDB's own small state (not the documents: those are in PostgreSQL). */
export const FERRETDB_STATE_FOLDER = 'ferretdb-state';

export interface EmbeddedStack extends EmbeddedDatabase {
  postgres: EmbeddedPostgres;
  ferretdb: EmbeddedDatabase;
  /**
   * Adds the PostgreSQL indexes FerretDB's equality filters need (postgres-indexes.ts) now, then
   * keeps checking for new collections until stop(). Call once the app's indexes exist.
   */
  keepIndexed(): Promise<void>;
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
  let timer: NodeJS.Timeout | undefined;
  const index = () => addContainmentIndexes(postgres.url);
  return {
    uri: ferretdb.uri,
    port: ferretdb.port,
    pid: ferretdb.pid,
    postgres,
    ferretdb,
    async keepIndexed() {
      await index();
      timer ??= setInterval(() => {
        index().catch((error: unknown) => logger.warn({ err: error }, 'could not check the containment indexes'));
      }, INDEX_CHECK_MS).unref();
    },
    stop() {
      clearInterval(timer);
      stopping ??= ferretdb.stop().finally(() => postgres.stop());
      return stopping;
    },
  };
}
