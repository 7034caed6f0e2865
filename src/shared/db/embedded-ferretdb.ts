/**
 * FerretDB (the MongoDB wire protocol) as a child process on a free loopback port, in front of the
 * embedded PostgreSQL (the default) or, only to read a data folder made by earlier versions, of
 * SQLite files. Used when MONGODB_URI is not set, and by the tests.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { logger } from '../logger.js';
import { canConnect, findFreePort, startSupervised, stopStaleProcess, supervisedCommand } from './child-process.js';

export { findFreePort } from './child-process.js';

const log = logger.child({ module: 'ferretdb' });

export interface EmbeddedDatabase {
  uri: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Where FerretDB keeps its documents. */
export type FerretDbBackend =
  | { handler: 'postgresql'; postgresUrl: string }
  /** Earlier versions' SQLite files in this folder (read once, to migrate them). */
  | { handler: 'sqlite'; directory: string };

export async function startEmbeddedFerretDb(options: {
  binary: string;
  /** Holds FerretDB's state and pid file (DATA_DIR/ferretdb). */
  stateDir: string;
  backend: FerretDbBackend;
  port?: number;
}): Promise<EmbeddedDatabase> {
  const dir = options.stateDir;
  await fs.mkdir(dir, { recursive: true });
  const pidFile = path.join(dir, 'ferretdb.pid');
  await stopStaleProcess(pidFile, 'ferretdb', 'SIGTERM', (pid) =>
    log.warn({ pid }, 'stopping a FerretDB left running by an earlier start'),
  );

  const port = options.port ?? (await findFreePort());
  const backend =
    options.backend.handler === 'postgresql'
      ? ['--handler=postgresql']
      : ['--handler=sqlite', `--sqlite-url=file:${options.backend.directory}/`];
  const args = [
    ...backend,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${dir}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=warn',
  ];
  // The PostgreSQL password goes in the environment, not the command line that `ps` shows everyone.
  const env =
    options.backend.handler === 'postgresql'
      ? { ...process.env, FERRETDB_POSTGRESQL_URL: options.backend.postgresUrl }
      : process.env;
  const ferret = startSupervised(
    'FerretDB',
    supervisedCommand(options.binary, args, 'TERM'),
    (line) => log.debug({ line }, 'ferretdb'),
    env,
  );
  await ferret.waitUntil(() => canConnect(port), 'accept connections', 30_000);
  await fs.writeFile(pidFile, String(ferret.child.pid));
  log.info({ port, handler: options.backend.handler }, 'embedded FerretDB started');

  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    pid: ferret.child.pid ?? 0,
    async stop() {
      await ferret.stop('SIGTERM', 5_000);
      await fs.rm(pidFile, { force: true });
      log.info('embedded FerretDB stopped');
    },
  };
}
