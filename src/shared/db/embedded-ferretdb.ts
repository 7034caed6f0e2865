/**
 * The embedded database: FerretDB (MongoDB wire protocol) on SQLite files under DATA_DIR, run as
 * a child process on a free loopback port. Used when MONGODB_URI is not set, and by the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { logger } from '../logger.js';

const log = logger.child({ module: 'ferretdb' });

export interface EmbeddedDatabase {
  uri: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A FerretDB left behind by a crashed app (SIGKILL) would hold the SQLite files: stop it first. */
async function stopStaleInstance(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await fs.readFile(pidFile, 'utf8')).trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  let cmdline = '';
  try {
    cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!cmdline.includes('ferretdb')) return;
  log.warn({ pid }, 'stopping a FerretDB left running by an earlier start');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/**
 * The command that runs FerretDB so that it dies with this process however this process dies: on
 * Linux, util-linux's `setpriv --pdeathsig TERM` makes the kernel send FerretDB a TERM when its
 * parent is gone (SIGKILL, the OOM killer, a crash), where no exit handler of ours runs. Without
 * setpriv the 'exit' handler below and the stale-instance check of the next start remain.
 */
export function ferretDbCommand(binary: string, args: string[]): { command: string; args: string[] } {
  if (process.platform === 'linux' && SETPRIV)
    return { command: SETPRIV, args: ['--pdeathsig', 'TERM', '--', binary, ...args] };
  return { command: binary, args };
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startEmbeddedFerretDb(options: {
  binary: string;
  dataDir: string;
  port?: number;
}): Promise<EmbeddedDatabase> {
  const dir = path.join(options.dataDir, 'ferretdb');
  await fs.mkdir(dir, { recursive: true });
  const pidFile = path.join(dir, 'ferretdb.pid');
  await stopStaleInstance(pidFile);

  const port = options.port ?? (await findFreePort());
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dir}/`,
    `--listen-addr=127.0.0.1:${port}`,
    `--state-dir=${dir}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=warn',
  ];
  const run = ferretDbCommand(options.binary, args);
  const child = spawn(run.command, run.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log.debug({ line }, 'ferretdb');
    }
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  // Never leave the database running if this process exits without a clean shutdown.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`FerretDB exited with code ${child.exitCode} at start: ${recent.join(' | ')}`);
    }
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    if (failed) throw new Error(`FerretDB could not be started (${options.binary}): ${failed.message}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`FerretDB did not accept connections within 30 s: ${recent.join(' | ')}`);
    }
  }
  await fs.writeFile(pidFile, String(child.pid));
  log.info({ port, dir }, 'embedded FerretDB started');

  let stopping: Promise<void> | undefined;
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    pid: child.pid ?? 0,
    stop() {
      stopping ??= (async () => {
        process.removeListener('exit', killOnExit);
        child.kill('SIGTERM');
        if (!(await waitForExit(child, 5_000))) {
          child.kill('SIGKILL');
          await waitForExit(child, 2_000);
        }
        await fs.rm(pidFile, { force: true });
        log.info('embedded FerretDB stopped');
      })();
      return stopping;
    },
  };
}
