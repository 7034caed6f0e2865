/**
 * The real `npm start` entry point as a child process: embedded FerretDB, first-start seeding,
 * a second start reusing the data, and clean shutdown with no process left behind.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../src/shared/db/embedded-ferretdb.js';
import { PROJECT_ROOT } from '../../src/shared/paths.js';
import { ensureGoTool, ToolUnavailableError } from '../../src/shared/db/go-tools.js';

interface Started {
  child: ChildProcess;
  output: () => string;
  port: number;
}

async function startServer(dataDir: string): Promise<Started> {
  const port = await findFreePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete env.MONGODB_URI;
  delete env.TEST_MONGODB_URI;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

  it('starts with no configuration, seeds on first start, and stops cleanly on SIGTERM', async () => {
    const server = await startServer(dataDir);
    assert.match(server.output(), /First start: seeding the giving menu/);
    assert.match(server.output(), /admin@example\.org/);
    assert.match(server.output(), new RegExp(`http://localhost:${server.port}`));
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    assert.equal(health.status, 200);
    const home = await (await fetch(`http://127.0.0.1:${server.port}/`)).text();
    assert.match(home, /กองทุนเพื่อการศึกษา/);
    assert.equal(processesMentioning(dataDir).filter((l) => l.includes('ferretdb')).length, 1, 'one FerretDB child');

    server.child.kill('SIGTERM');
    assert.equal(await waitForExit(server.child), 0);
    assert.deepEqual(processesMentioning(dataDir), [], 'no process left behind');
  });

  it('reuses the data on a second start and stops cleanly on SIGINT', async () => {
    const server = await startServer(dataDir);
    assert.doesNotMatch(server.output(), /First start/);
    const funds = (await (await fetch(`http://127.0.0.1:${server.port}/api/v1/funds`)).json()) as { data: unknown[] };
    assert.equal(funds.data.length, 9);
    server.child.kill('SIGINT');
    assert.equal(await waitForExit(server.child), 0);
    assert.deepEqual(processesMentioning(dataDir), []);
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
