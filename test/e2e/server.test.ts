/**
 * The real entry point as a child process: the embedded database (PostgreSQL and FerretDB),
 * first-start seeding, a session secret kept in the data folder, a second start reusing the data,
 * a second process on the same folder refused, `npm start` exactly as the README's systemd unit
 * runs it stopping everything on SIGTERM, and both databases dying with a crashed app.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../src/shared/db/embedded-ferretdb.js';
import { PROJECT_ROOT } from '../../src/shared/paths.js';
import { ensureGoTool, ToolUnavailableError } from '../../src/shared/db/go-tools.js';
import { DEMO_PASSWORD } from '../../seeds/index.js';

interface Started {
  child: ChildProcess;
  output: () => string;
  port: number;
}

function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  delete env.MONGODB_URI;
  delete env.TEST_MONGODB_URI;
  return env;
}

async function startServer(dataDir: string): Promise<Started> {
  const port = await findFreePort();
  const env = serverEnv(dataDir, port);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes('is running')) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, port };
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** pid → parent pid and process group, read from /proc. */
function processTable(): Map<number, { ppid: number; pgid: number; cmdline: string }> {
  const table = new Map<number, { ppid: number; pgid: number; cmdline: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      table.set(Number(entry), { ppid: Number(ppid), pgid: Number(pgid), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** The process and everything it started, with their command lines. */
function descendants(root: number): Map<number, string> {
  const table = processTable();
  const found = new Map<number, string>();
  const walk = (pid: number) => {
    found.set(pid, table.get(pid)?.cmdline ?? '');
    for (const [child, info] of table) if (info.ppid === pid && !found.has(child)) walk(child);
  };
  if (table.has(root)) walk(root);
  return found;
}

const isAlive = (pid: number) => {
  try {
    // A zombie has exited; only its parent has not read its status yet.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

async function waitHealthy(port: number, child: ChildProcess, output: () => string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited while starting: ${output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`not healthy within ${ms} ms: ${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Logs in like a browser (CSRF token and cookie) and returns the session cookie. */
async function loginCookie(port: number, email: string, password: string): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const page = await fetch(`${base}/login`);
  const cookie = (page.headers.getSetCookie().find((c) => c.startsWith('cf.sid=')) ?? '').split(';')[0] as string;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  assert.equal(res.status, 302, 'logged in');
  return (res.headers.getSetCookie().find((c) => c.startsWith('cf.sid=')) ?? cookie).split(';')[0] as string;
}

function processesMentioning(text: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

describe('server process', function () {
  this.timeout(120_000);
  let dataDir: string;
  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-server-'));
  });
  after(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  // One test: the second start is only meaningful after the first (its data, its secret, its session).
  it('starts with no configuration, seeds on first start, and stops cleanly on SIGTERM; a second start reuses the data and stops cleanly on SIGINT', async function () {
    this.timeout(240_000);
    const server = await startServer(dataDir);
    assert.match(server.output(), /First start: seeding the giving menu/);
    // No SESSION_SECRET: a random one is made, kept only for the owner of the data folder, and said so.
    assert.match(server.output(), /SESSION_SECRET is not set: generated a random one and kept it in .*session-secret/);
    assert.equal((await fs.stat(path.join(dataDir, 'session-secret'))).mode & 0o777, 0o600);
    const adminCookie = await loginCookie(server.port, 'admin@example.org', DEMO_PASSWORD);
    assert.match(server.output(), /admin@example\.org/);
    assert.match(server.output(), new RegExp(`http://localhost:${server.port}`));
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    assert.equal(health.status, 200);
    const home = await (await fetch(`http://127.0.0.1:${server.port}/`)).text();
    assert.match(home, /กองทุนเพื่อการศึกษา/);
    assert.equal(processesMentioning(dataDir).filter((l) => l.includes('ferretdb')).length, 1, 'one FerretDB child');
    const postgres = processesMentioning(`${dataDir}/postgres`);
    assert.equal(postgres.length, 1, `one PostgreSQL server: ${postgres.join(' | ')}`);
    assert.match(postgres[0] ?? '', /listen_addresses=127\.0\.0\.1/, 'on loopback only');
    assert.doesNotMatch(processesMentioning('ferretdb').join('\n'), /postgres:\/\//, 'no password on a command line');

    // A second process on the same data folder is refused in one sentence, and the first one carries on.
    const intruder = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: PROJECT_ROOT,
        env: serverEnv(dataDir, 0),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('exit', (status) => resolve({ status, stdout, stderr }));
    });
    assert.equal(intruder.status, 1, intruder.stdout + intruder.stderr);
    assert.match(intruder.stderr, /^Another app process \(pid \d+\) is using the embedded database in .*: stop it/m);
    assert.equal((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status, 200, 'the first one still serves');

    server.child.kill('SIGTERM');
    assert.equal(await waitForExit(server.child), 0);
    assert.deepEqual(processesMentioning(dataDir), [], 'no process left behind');

    const second = await startServer(dataDir);
    assert.doesNotMatch(second.output(), /First start/);
    assert.doesNotMatch(second.output(), /generated a random one/, 'the kept secret is reused');
    const account = await fetch(`http://127.0.0.1:${second.port}/account`, {
      headers: { cookie: adminCookie },
      redirect: 'manual',
    });
    assert.equal(account.status, 200, 'a session from the first start is still valid: same secret');
    const funds = (await (await fetch(`http://127.0.0.1:${second.port}/api/v1/funds`)).json()) as { data: unknown[] };
    assert.equal(funds.data.length, 9);
    second.child.kill('SIGINT');
    assert.equal(await waitForExit(second.child), 0);
    assert.deepEqual(processesMentioning(dataDir), []);
  });

  it("`npm start`, as the README's systemd unit runs it: SIGTERM to npm stops npm, node and both databases", async () => {
    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    };
    // Its own process group, so whatever it leaves behind can be found and cleaned up here.
    const npm = spawn('npm', ['start'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    npm.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    npm.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    const npmPid = npm.pid as number;
    let started = new Map<number, string>();
    try {
      await waitHealthy(port, npm, () => out);
      started = descendants(npmPid);
      const commands = [...started.values()];
      assert.ok(
        commands.some((c) => /server\.ts/.test(c)),
        `the app runs under npm: ${commands.join(' | ')}`,
      );
      assert.ok(
        commands.some((c) => c.includes('ferretdb') && c.includes(dataDir)),
        'FerretDB runs under the app',
      );
      assert.ok(
        commands.some((c) => c.includes('postgres') && c.includes(dataDir)),
        'PostgreSQL runs under the app',
      );

      process.kill(npmPid, 'SIGTERM');
      const allGone = await until(() => [...started.keys()].every((pid) => !isAlive(pid)), 10_000);
      const left = [...started].filter(([pid]) => isAlive(pid)).map(([pid, c]) => `${pid} ${c}`);
      assert.ok(allGone, `still running 10 s after SIGTERM: ${left.join(' | ')}`);
      const inGroup = [...processTable()].filter(([pid, p]) => p.pgid === npmPid && isAlive(pid));
      assert.deepEqual(inGroup, [], "nothing left in npm's process group");
      assert.deepEqual(processesMentioning(dataDir), [], 'no process left using the data folder');
      assert.match(out, /^(?!.*shutdown took too long)/s);
    } finally {
      for (const pid of started.keys()) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('FerretDB and PostgreSQL die with the app even when it is killed outright (no shutdown handler runs)', async () => {
    const server = await startServer(dataDir);
    const children = [...descendants(server.child.pid as number)];
    const ferret = children.find(([, c]) => c.includes('ferretdb') && c.includes(dataDir));
    const postgres = children.find(([, c]) => c.includes('postgres') && c.includes(`${dataDir}/postgres`));
    assert.ok(ferret && postgres, `both run under the app: ${children.map(([, c]) => c).join(' | ')}`);
    try {
      server.child.kill('SIGKILL');
      await waitForExit(server.child);
      assert.ok(await until(() => !isAlive(ferret[0]), 5_000), 'FerretDB stopped within 5 s of the crash');
      assert.ok(await until(() => !isAlive(postgres[0]), 10_000), 'PostgreSQL stopped within 10 s of the crash');
      assert.deepEqual(processesMentioning(dataDir), [], 'nothing left using the data folder');
    } finally {
      for (const [pid] of [ferret, postgres]) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    // And the next start finds its data as it was.
    const next = await startServer(dataDir);
    const funds = (await (await fetch(`http://127.0.0.1:${next.port}/api/v1/funds`)).json()) as { data: unknown[] };
    assert.equal(funds.data.length, 9);
    next.child.kill('SIGTERM');
    assert.equal(await waitForExit(next.child), 0);
  });

  it('explains in one sentence what to do when Go is missing and no MONGODB_URI is set', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await assert.rejects(
        () => ensureGoTool({ name: 'never-built-tool', module: 'example.org/none', version: 'v0.0.0', pkg: '.' }),
        (error: unknown) => {
          assert.ok(error instanceof ToolUnavailableError);
          assert.match(error.message, /Go is not installed — install Go .* or set MONGODB_URI/);
          return true;
        },
      );
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
