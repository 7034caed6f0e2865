/**
 * The embedded database is two child processes (PostgreSQL, then FerretDB in front of it). What they
 * share: a free loopback port, a command that dies with this process however it dies, a short
 * memory of their last output for error messages, a wait for readiness, a graceful stop, and the
 * removal of an instance left running by an earlier start that was killed.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';

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

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops a process left behind by a crashed app, named by the first line of a pid file, if it is
 * still running and is the program we expect (a recycled pid may belong to anything else).
 */
export async function stopStaleProcess(
  pidFile: string,
  program: string,
  signal: NodeJS.Signals,
  onStop: (pid: number) => void,
): Promise<void> {
  let pid: number;
  try {
    pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]?.trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return;
  let cmdline = '';
  try {
    cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!cmdline.includes(program)) return;
  onStop(pid);
  process.kill(pid, signal);
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 20 && isAlive(pid); i++) await sleep(100);
}

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * The command that runs a database so that it dies with this process however this process dies:
 * on Linux, util-linux's `setpriv --pdeathsig` makes the kernel send it a signal when its parent
 * is gone (SIGKILL, the OOM killer, a crash), where no exit handler of ours runs. setpriv also
 * drops root for PostgreSQL, which refuses to run as root. Without setpriv, the 'exit' handler
 * and the stale-instance check of the next start remain.
 */
export function supervisedCommand(
  binary: string,
  args: string[],
  deathSignal: 'TERM' | 'INT',
  runAs?: RunAs,
): { command: string; args: string[]; options: SpawnOptions } {
  if (process.platform === 'linux' && SETPRIV) {
    const drop = runAs ? [`--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--clear-groups'] : [];
    return { command: SETPRIV, args: [...drop, '--pdeathsig', deathSignal, '--', binary, ...args], options: {} };
  }
  return { command: binary, args, options: runAs ? { uid: runAs.uid, gid: runAs.gid } : {} };
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export interface Supervised {
  child: ChildProcess;
  /** The last lines the process wrote, for an error message. */
  recent(): string;
  /** Resolves once `ready()` says so; rejects when the process exits, fails to spawn or times out. */
  waitUntil(ready: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void>;
  /** Graceful stop with `signal`, then SIGKILL after `graceMs`. Idempotent. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<void>;
}

export function startSupervised(
  name: string,
  run: { command: string; args: string[]; options: SpawnOptions },
  onLine: (line: string) => void,
  env?: NodeJS.ProcessEnv,
): Supervised {
  const child = spawn(run.command, run.args, {
    ...run.options,
    env: env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 20) lines.shift();
      onLine(line);
    }
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  // Never leave the database running if this process exits without a clean shutdown.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const recent = () => lines.join(' | ');

  let stopping: Promise<void> | undefined;
  return {
    child,
    recent,
    async waitUntil(ready, what, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) at start: ${recent()}`);
        }
        const failed = await Promise.race([spawnError, sleep(50).then(() => null)]);
        if (failed) throw new Error(`${name} could not be started (${run.command}): ${failed.message}`);
        if (await ready()) return;
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`${name} did not ${what} within ${Math.round(timeoutMs / 1000)} s: ${recent()}`);
        }
      }
    },
    stop(signal, graceMs) {
      stopping ??= (async () => {
        process.removeListener('exit', killOnExit);
        child.kill(signal);
        if (!(await waitForExit(child, graceMs))) {
          child.kill('SIGKILL');
          await waitForExit(child, 2_000);
        }
      })();
      return stopping;
    },
  };
}
