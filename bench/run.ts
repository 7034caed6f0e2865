/**
 * `npm run bench`: starts the app in-process on a fresh embedded FerretDB and measures request
 * throughput and latency of the hot public pages with N concurrent clients for a fixed time,
 * plus the process's memory. Results are appended to bench/RESULTS.md. Not part of npm test.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/index.js';
import { setLogLevel } from '../src/shared/logger.js';
import { openDatabase } from '../src/shared/db/database.js';
import { createApp } from '../src/app.js';
import { runSeeds } from '../seeds/index.js';
import { PROJECT_ROOT } from '../src/shared/paths.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Result {
  path: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function load(base: string, urlPath: string): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const t0 = performance.now();
      try {
        const res = await fetch(base + urlPath);
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  latencies.sort((a, b) => a - b);
  return {
    path: urlPath,
    requests: latencies.length,
    errors,
    rps: Math.round(latencies.length / SECONDS),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p95: Math.round(percentile(latencies, 95) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
  };
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-bench-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'warn', MONGODB_URI: process.env.MONGODB_URI ?? '' });
  const db = await openDatabase(config, (line) => console.log(line));
  try {
    await runSeeds({ demoUsers: false });
    const app = createApp(config);
    const server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const results: Result[] = [];
    for (const p of ['/', '/funds/education', '/api/v1/funds', '/healthz']) {
      await load(base, p); // warm-up pass, not recorded
      const r = await load(base, p);
      console.log(`${p.padEnd(18)} ${r.rps} req/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  errors ${r.errors}`);
      results.push(r);
    }
    const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    server.close();
    const rows = results.map((r) => `| \`${r.path}\` | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} |`).join('\n');
    const section = `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${db.embedded ? 'embedded FerretDB' : 'MONGODB_URI'}, ${os.cpus().length} cores, Node ${process.version}\n\n${CONCURRENCY} concurrent clients, ${SECONDS} s per page after a ${SECONDS} s warm-up, app and clients in one process. Memory after the run: ${rssMb} MiB RSS.\n\n| page | req/s | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n${rows}\n`;
    const file = path.join(PROJECT_ROOT, 'bench', 'RESULTS.md');
    let existing = '';
    try {
      existing = await fs.readFile(file, 'utf8');
    } catch {
      existing = '# Benchmark results\n\nWritten by `npm run bench` (bench/run.ts). Newest last.\n';
    }
    await fs.writeFile(file, existing + section);
    console.log(`RSS ${rssMb} MiB; written to bench/RESULTS.md`);
  } finally {
    await db.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
