/**
 * The load table: pages of the app with everything seeded at once, each next to a bare render
 * measured right before it (so drift of a shared machine touches both sides alike), plus each
 * page's single-request latency (sequential: the first request of the page in that process, and
 * the median of 20). Also run against FerretDB's SQLite backend by bench/sqlite.ts.
 */
import { HTTPS, load, memoryOf, round2, say, sequential, startServer, stop, type Measured } from './harness.js';
import type { Sequential } from './harness.js';

export interface LoadPage {
  /** The BENCH_ONLY section it belongs to. */
  section: string;
  label: string;
  path: string;
  /** Session cookie of the signed-in user, when the page needs one. */
  cookie?: string;
}

export interface LoadRow {
  page: LoadPage;
  app: Measured;
  bare: Measured;
  single: Sequential;
  appMb: number;
  bareMb: number;
}

export interface LoadIds {
  callId: string;
  applicationId: string;
  matchOrgId: string;
  reviewerCookie: string;
  staffCookie: string;
}

export function loadPages(ids: LoadIds): LoadPage[] {
  return [
    { section: 'giving', label: 'giving menu', path: '/' },
    { section: 'giving', label: 'fund page', path: '/funds/education' },
    {
      section: 'directory',
      label: 'directory search',
      path: `/directory?q=${encodeURIComponent('ผู้สูงอายุ')}&province=90`,
    },
    { section: 'match', label: 'match page', path: `/organisations/${ids.matchOrgId}/matches` },
    { section: 'reviewer', label: "reviewer's list", path: '/reviews', cookie: ids.reviewerCookie },
    {
      section: 'staff',
      label: "staff: call's applications",
      path: `/admin/calls/${ids.callId}`,
      cookie: ids.staffCookie,
    },
    {
      section: 'staff',
      label: 'staff: one application',
      path: `/applications/${ids.applicationId}`,
      cookie: ids.staffCookie,
    },
    {
      section: 'staff',
      label: 'staff: decision view',
      path: `/admin/calls/${ids.callId}/decisions`,
      cookie: ids.staffCookie,
    },
  ];
}

export function headersOf(page: { cookie?: string }): Record<string, string> {
  return page.cookie ? { ...HTTPS, cookie: page.cookie } : {};
}

export function pathLabel(path: string): string {
  return decodeURIComponent(path).replace(/[0-9a-f]{24}/g, ':id');
}

/** Measures `pages` on a fresh app (on `mongodbUri`) and a fresh bare server; `tag` prefixes printed rows. */
export async function runLoadTable(
  pages: LoadPage[],
  mongodbUri: string,
  bareData: string,
  tag: string,
  extraEnv: Record<string, string> = {},
): Promise<LoadRow[]> {
  const bare = await startServer('bare', { BENCH_VIEW_DATA: bareData });
  const app = await startServer('app', { MONGODB_URI: mongodbUri, BASE_URL: 'http://localhost:3000', ...extraEnv });
  const rows: LoadRow[] = [];
  try {
    for (const page of pages) {
      const headers = headersOf(page);
      // Single requests first, so "first" is this page's first request in the process.
      const single = await sequential(app.base + page.path, headers);
      if (single.status !== 200) say(`${tag} ${page.label}: status ${single.status} (measured anyway)`);
      const b = await load(bare.base + '/');
      const a = await load(app.base + page.path, headers);
      const row = { page, app: a, bare: b, single, appMb: await memoryOf(app.base), bareMb: await memoryOf(bare.base) };
      rows.push(row);
      say(`${tag} ${describeLoadRow(row)}`);
    }
  } finally {
    await Promise.all([stop(app.child), stop(bare.child)]);
  }
  return rows;
}

export function describeLoadRow(r: LoadRow): string {
  return (
    `${r.page.label}: ${r.app.rps} req/s p50 ${r.app.p50} p99 ${r.app.p99} | bare ${r.bare.rps} req/s ` +
    `p50 ${r.bare.p50} p99 ${r.bare.p99} | ratio ${round2(r.app.rps / r.bare.rps)} | single first ` +
    `${r.single.firstMs} ms median ${r.single.medianMs} ms | ${r.appMb}/${r.bareMb} MiB | ${r.app.errors} errors`
  );
}

export function loadTableMarkdown(rows: LoadRow[]): string {
  const head =
    '| page | app req/s | app p50 ms | app p99 ms | bare req/s | bare p50 ms | bare p99 ms | req/s ratio | ' +
    'p99 ratio | single: first ms | single: median ms | app peak MiB | bare peak MiB | memory ratio | errors |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|';
  const lines = rows.map(
    (r) =>
      `| ${r.page.label} (\`${pathLabel(r.page.path)}\`) | ${r.app.rps} | ${r.app.p50} | ${r.app.p99} | ` +
      `${r.bare.rps} | ${r.bare.p50} | ${r.bare.p99} | **${round2(r.app.rps / r.bare.rps)}** | ` +
      `${round2(r.app.p99 / Math.max(r.bare.p99, 1))} | ${r.single.firstMs} | ${r.single.medianMs} | ` +
      `${r.appMb} | ${r.bareMb} | ${round2(r.appMb / r.bareMb)} | ${r.app.errors} |`,
  );
  return [head, ...lines].join('\n');
}
