/**
 * The benchmark's tools: servers in child processes (bench/server.ts, so the load generator never
 * shares their event loop), autocannon measurements, sequential single-request latency, peak
 * memory, signing in, and the knobs every section reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../src/shared/paths.js';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
export const WARMUP_SECONDS = Math.min(2, SECONDS);
/** The app's session secret in every bench app process, so one sign-in serves all of them. */
export const SESSION_SECRET = 'bench-session-secret-0123456789';
export const WEBHOOK_SECRET = 'whsec_benchmark_only';
/** Signed-in pages run as in production: secure cookies, HTTPS as reported by the proxy. */
export const HTTPS = { 'x-forwarded-proto': 'https' };
/** Production refuses to start without what every receipt prints (the tax ID passes its checksum). */
export const FOUNDATION_ENV = {
  FOUNDATION_NAME_TH: 'มูลนิธิชุมชนทดสอบสมรรถนะ',
  FOUNDATION_ADDRESS_TH: '1 ถนนทดสอบ อำเภอเมือง จังหวัดสุรินทร์ 32000',
  FOUNDATION_TAX_ID: '0994000123451',
};

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface Server {
  child: ChildProcess;
  base: string;
  /** Milliseconds from spawn to `listening`. */
  startMs: number;
}

const live = new Set<ChildProcess>();

export async function startServer(mode: 'app' | 'bare', env: Record<string, string>): Promise<Server> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'bench', 'server.ts'), mode], {
    env: { ...process.env, SESSION_SECRET, ...FOUNDATION_ENV, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, startMs: Math.round(performance.now() - t0) };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Every server this run started and has not stopped yet (for the final clean-up). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map(stop));
}

export async function measure(url: string, seconds: number, headers: Record<string, string> = {}): Promise<Measured> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** Until the server has answered every request it was sent (at most a minute). */
export async function drain(base: string): Promise<void> {
  const until = performance.now() + 60_000;
  while (performance.now() < until) {
    const res = await fetch(`${base}/__bench/memory`);
    // This request itself is not counted: the route answers before the counting middleware.
    if (((await res.json()) as { inFlight: number }).inFlight === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Warm up, then measure; then wait for the requests left behind by timed-out connections. */
export async function load(url: string, headers: Record<string, string> = {}): Promise<Measured> {
  const base = new URL(url).origin;
  await measure(url, WARMUP_SECONDS, headers);
  await drain(base);
  const measured = await measure(url, SECONDS, headers);
  await drain(base);
  return measured;
}

export interface Sequential {
  /** The first request (in a fresh process: what the first visitor waits). */
  firstMs: number;
  medianMs: number;
  status: number;
}

/**
 * One request at a time, `runs` times (fewer, but at least 3, once 30 s have gone: a page of
 * several seconds would hold the run for minutes); the median, and the first on its own.
 */
export async function sequential(url: string, headers: Record<string, string> = {}, runs = 20): Promise<Sequential> {
  const times: number[] = [];
  let status = 0;
  const started = performance.now();
  for (let i = 0; i < runs && (i < 3 || performance.now() - started < 30_000); i += 1) {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
      await res.arrayBuffer();
      if (i === 0 || res.status !== 200) status = res.status;
    } catch {
      status = 0; // no answer within a minute
      times.push(performance.now() - t0);
      break;
    }
    times.push(performance.now() - t0);
  }
  const firstMs = Math.round(times[0] ?? 0);
  times.sort((a, b) => a - b);
  return { firstMs, medianMs: Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10, status };
}

export async function memoryOf(base: string): Promise<number> {
  const res = await fetch(`${base}/__bench/memory`);
  return ((await res.json()) as { maxRssMb: number }).maxRssMb;
}

/** A signed-in session cookie for `email` (all bench users share one password). */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/login`, { headers: HTTPS });
  const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...HTTPS, 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password, _csrf: token }).toString(),
  });
  const session = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  if (res.status !== 302 || !session) throw new Error(`${email} could not sign in: ${res.status}`);
  return session;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A table row as printed to stdout while the run goes, and kept for RESULTS.md. */
export function say(line: string): void {
  console.log(line);
}
