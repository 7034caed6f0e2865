/**
 * The first page after a start, on all the seeded data: a fresh process is spawned and timed to
 * `listening` and to the first 200 of the page (asked for as soon as the port listens). Two
 * kinds of start: the app process alone on the running database (bench/server.ts), and the whole
 * `npm start` (src/server.ts: embedded PostgreSQL, FerretDB, seeds check, agenda, HTTP) on the
 * same DATA_DIR, which the caller must have released.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/shared/paths.js';
import { canConnect, findFreePort } from '../src/shared/db/child-process.js';
import { FOUNDATION_ENV, SESSION_SECRET, startServer, stop } from './harness.js';

export interface StartTiming {
  kind: 'app process' | 'npm start';
  label: string;
  path: string;
  listeningMs: number;
  firstOkMs: number;
  /** Non-200 answers before the first 200 (a warming app may answer 503). */
  retries: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function firstOk(url: string, headers: Record<string, string>, t0: number): Promise<[number, number]> {
  let retries = 0;
  for (;;) {
    try {
      const res = await fetch(url, { headers, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status === 200) return [Math.round(performance.now() - t0), retries];
    } catch {
      // not accepting yet
    }
    retries += 1;
    if (performance.now() - t0 > 120_000) throw new Error(`no 200 from ${url} within 2 minutes`);
    await sleep(20);
  }
}

export async function appProcessStart(
  mongodbUri: string,
  label: string,
  page: string,
  headers: Record<string, string>,
): Promise<StartTiming> {
  const t0 = performance.now();
  const server = await startServer('app', { MONGODB_URI: mongodbUri, BASE_URL: 'http://localhost:3000' });
  try {
    const [firstOkMs, retries] = await firstOk(server.base + page, headers, t0);
    return { kind: 'app process', label, path: page, listeningMs: server.startMs, firstOkMs, retries };
  } finally {
    await stop(server.child);
  }
}

/** `npm start` on `dataDir` (nothing else may have it open). */
export async function npmStart(
  dataDir: string,
  label: string,
  page: string,
  headers: Record<string, string>,
): Promise<StartTiming> {
  const port = await findFreePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'server.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      ...FOUNDATION_ENV,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: String(port),
      BASE_URL: `http://localhost:${port}`,
      SESSION_SECRET,
      LOG_LEVEL: 'warn',
      MONGODB_URI: '',
      STRIPE_SECRET_KEY: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    while (!(await canConnect(port))) {
      if (exited) throw new Error('npm start exited before listening');
      if (performance.now() - t0 > 120_000) throw new Error('npm start not listening within 2 minutes');
      await sleep(20);
    }
    const listeningMs = Math.round(performance.now() - t0);
    const [firstOkMs, retries] = await firstOk(`http://127.0.0.1:${port}${page}`, headers, t0);
    return { kind: 'npm start', label, path: page, listeningMs, firstOkMs, retries };
  } finally {
    if (!exited) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  }
}

export function describeStart(s: StartTiming): string {
  return `${s.kind}, ${s.label}: listening ${s.listeningMs} ms, first 200 ${s.firstOkMs} ms (${s.retries} retries)`;
}
