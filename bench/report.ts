/** bench/RESULTS.md from one run: the machine, the command, each table, and each target met or not. */
import fs from 'node:fs/promises';
import os from 'node:os';
import { CONNECTIONS, SECONDS, round2 } from './harness.js';
import { loadTableMarkdown, type LoadRow } from './load.js';
import { growthMarkdown, growthMet } from './growth.js';
import { PARALLEL } from './webhooks.js';
import type { BenchResults } from './run.js';

const met = (ok: boolean) => (ok ? '**met**' : '**not met**');

function row(rows: LoadRow[], label: string): LoadRow | undefined {
  return rows.find((r) => r.page.label === label);
}

function ratioTarget(rows: LoadRow[], labels: string[], min: number, p99Max?: number): string[] {
  return labels.flatMap((label) => {
    const r = row(rows, label);
    if (!r) return [];
    const ratio = round2(r.app.rps / r.bare.rps);
    const p99 = p99Max === undefined ? '' : `, p99 ${r.app.p99} ms (< ${p99Max})`;
    const ok = ratio >= min && (p99Max === undefined || r.app.p99 < p99Max) && r.app.errors === 0;
    return [
      `| ${label} ≥ ${min} of the bare render${p99Max ? ` and p99 < ${p99Max} ms` : ''} | ${ratio}${p99} | ${met(ok)} |`,
    ];
  });
}

function targets(r: BenchResults): string {
  const lines = [
    ...ratioTarget(r.load, ['giving menu', 'fund page'], 0.85),
    ...ratioTarget(r.load, ['directory search', 'match page', "reviewer's list"], 0.6),
    ...ratioTarget(r.load, ["staff: call's applications", 'staff: one application', 'staff: decision view'], 0.5, 100),
  ];
  if (r.webhooks) {
    const w = r.webhooks;
    lines.push(
      `| webhooks ≥ 100/s at 10,000 donations, exact | ${w.perSecond}/s, ${w.exact ? 'exact' : 'NOT exact'} | ${met(w.perSecond >= 100 && w.exact)} |`,
    );
  }
  for (const s of r.starts) {
    lines.push(
      `| first 200 after a start < 1 s: ${s.kind}, ${s.label} | ${s.firstOkMs} ms (listening at ${s.listeningMs} ms) | ${met(s.firstOkMs < 1000)} |`,
    );
  }
  if (r.growth) {
    lines.push(
      `| growth 10,000 → ${r.growth[1].donations.toLocaleString('en')}: nothing > 2× slower | see the growth table | ${met(growthMet(...r.growth))} |`,
    );
  }
  if (r.load.length) {
    const app = Math.max(...r.load.map((x) => x.appMb));
    const bare = Math.max(...r.load.map((x) => x.bareMb));
    lines.push(
      `| app peak memory ≤ 1.2× the bare server's | ${app} / ${bare} MiB = ${round2(app / bare)} | ${met(app / bare <= 1.2)} |`,
    );
  }
  return ['| target | measured | |', '|---|---|---|', ...lines].join('\n');
}

function startTable(r: BenchResults): string {
  const lines = r.starts.map(
    (s) =>
      `| ${s.kind} | ${s.label} (\`${s.path}\`) | ${s.listeningMs} | ${s.firstOkMs} | ${s.firstOkMs - s.listeningMs} | ${s.retries} |`,
  );
  return [
    '| start | page | spawn → listening ms | spawn → first 200 ms | listening → first 200 ms | non-200 answers first |',
    '|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
}

function sqliteSection(r: BenchResults): string {
  if (!r.sqlite) return '';
  const pg = new Map(r.load.map((x) => [x.page.label, x]));
  const compare = r.sqlite.rows.map((s) => {
    const p = pg.get(s.page.label);
    const pgCell = p
      ? `${p.app.rps} | ${p.app.p99} | ${p.single.medianMs} | ${round2(p.app.rps / p.bare.rps)}`
      : '– | – | – | –';
    return `| ${s.page.label} | ${pgCell} | ${s.app.rps} | ${s.app.p99} | ${s.single.medianMs} | ${round2(s.app.rps / s.bare.rps)} |`;
  });
  return `
### The same load table on FerretDB's SQLite backend

The whole database copied into a FerretDB v1.24.2 on SQLite (${(r.sqlite.copyMs / 1000).toFixed(1)} s), the same
pages, cookies and bare render, in the same run.

${loadTableMarkdown(r.sqlite.rows)}

Side by side (req/s, p99 ms, single-request median ms, ratio to bare):

| page | PostgreSQL req/s | p99 | single | ratio | SQLite req/s | p99 | single | ratio |
|---|---|---|---|---|---|---|---|---|
${compare.join('\n')}
`;
}

const HISTORY = `## History

- 2026-11-25, FerretDB on SQLite, 16 connections (the earlier benchmark): giving menu 0.76, fund page 0.83,
  directory search 0.39, match page 0.34, reviewer's list 0.35 of the bare render; webhooks 5/s; first decision
  view in a fresh process 3.6 s. Staff pages were not measured then.
`;

export async function writeResults(file: string, r: BenchResults): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const when = r.startedAt.toISOString().slice(0, 16).replace('T', ' ');
  const only = process.env.BENCH_ONLY ? `BENCH_ONLY=${process.env.BENCH_ONLY} ` : '';
  const knobs = `${only}BENCH_SECONDS=${SECONDS} BENCH_CONNECTIONS=${CONNECTIONS}`;
  const d = r.data;
  const text = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts; knobs at its top). Servers run in their own processes
(bench/server.ts), autocannon in the benchmark's.

## ${when} UTC

- Command: \`${knobs} npm run bench\` (${r.seconds} s in all). Sections: ${r.sections.join(', ')}.
- Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}, Linux ${os.release()}.
  ${
    process.env.BENCH_SHARED
      ? '**Shared**: other work ran on the same cores during this run, so absolute figures are noisy; the ratios (app and bare measured back to back) suffer less.'
      : 'Nothing else ran on the machine during the run.'
  }
- Database: ${r.embedded ? 'the embedded default, FerretDB v1.24.2 with `--handler=postgresql` on embedded PostgreSQL 18' : 'MongoDB at MONGODB_URI'}.
- Data, all seeded at once: the seeded funds, 10,000 paid donations (each with its ledger credit and receipt; 200 of
  them belong to one signed-in donor), ${d.organisations.toLocaleString('en')} organisations, one call with 500 applications
  in review and 2,500 submitted reviews (committee of 25: 100 on each reviewer's list).
- Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per measurement after a 2 s warm-up.

### Targets

${targets(r)}

### Load table: pages against a bare Express + Handlebars render

The bare server renders the giving menu's template from a snapshot of its data with no database and no middleware,
measured right before each page. Ratios are app ÷ bare (req/s: higher is better; p99 and memory: lower is better).
"single" is one request at a time: the page's first request in that process, and the median of 20. Memory is each
process's peak RSS so far. Staff pages are signed in as a staff member, the reviewer's list as a reviewer.

${r.load.length ? loadTableMarkdown(r.load) : '(not run)'}

### First page after a start

A fresh process on all the data above; the page is asked for as soon as the port listens. "app process" is
bench/server.ts on the already running database, which builds its caches (the social map) before it listens; "npm start"
is src/server.ts on the same DATA_DIR: embedded PostgreSQL, FerretDB, the seed check, agenda, HTTP, and it listens before
the social map is built (a page that needs the map waits for that one load). The signed-in page uses a session made earlier (sessions live in the database).

${r.starts.length ? startTable(r) : '(not run)'}

### Stripe webhooks

${
  r.webhooks
    ? `${r.webhooks.count.toLocaleString('en')} signed \`checkout.session.completed\` deliveries at 10,000 donations, ${PARALLEL} at a time:
**${r.webhooks.perSecond} confirmations/s**. Afterwards ${r.webhooks.paid} of ${r.webhooks.count} gifts paid, ${r.webhooks.credited} ledger
credits and ${r.webhooks.receipted} receipts for them, ${r.webhooks.errors} failed deliveries; receipt numbers of every year
from 1 without gaps or repeats: ${r.webhooks.receiptProblems.length ? r.webhooks.receiptProblems.join(', ') : 'yes'}.`
    : '(not run)'
}

### Growth: 10,000 and ${r.growth ? r.growth[1].donations.toLocaleString('en') : '100,000'} donations

${
  r.growth
    ? `The extra gifts are nine earlier years of history (written through the driver with their ledger credits and
receipts), so a month's gifts and the donor's 200 stay as many while the collections grow tenfold. Slowdown
is 10,000's req/s ÷ the big side's (and the big single-request median ÷ the small one): target ≤ 2.

${growthMarkdown(...r.growth)}

Webhooks at the big side: ${r.growth[1].webhooks.exact ? 'exact' : 'NOT exact'} (${r.growth[1].webhooks.paid}/${r.growth[1].webhooks.count} paid, ${r.growth[1].webhooks.credited} credits, ${r.growth[1].webhooks.receipted} receipts).`
    : '(not run)'
}
${sqliteSection(r)}
${HISTORY}`;
  await fs.writeFile(file, text);
}
