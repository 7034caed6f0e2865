/**
 * The growth table: the same measurements at 10,000 and at 100,000 donations (the extra gifts
 * are earlier years of history, so a month's gifts and the donor's own stay as many): webhooks
 * per second, the staff's donation list filtered by fund and month, a donor's gift history, and
 * the giving menu. Each page under load and one request at a time.
 */
import { load, round2, say, sequential, startServer, stop, WEBHOOK_SECRET } from './harness.js';
import type { Measured, Sequential } from './harness.js';
import { headersOf, pathLabel } from './load.js';
import { describeWebhooks, webhookThroughput, type WebhookResult } from './webhooks.js';
import { recentMonth } from './seed.js';

export interface GrowthPage {
  label: string;
  path: string;
  cookie?: string;
}

export interface GrowthRun {
  donations: number;
  pages: { page: GrowthPage; app: Measured; single: Sequential }[];
  webhooks: WebhookResult;
}

export function growthPages(staffCookie: string, donorCookie: string): GrowthPage[] {
  const month = recentMonth();
  return [
    {
      label: 'staff donation list, one fund and month',
      path: `/admin/donations?fund=education&from=${month.from}&to=${month.to}`,
      cookie: staffCookie,
    },
    { label: "donor's gift history (200 gifts)", path: '/account/gifts', cookie: donorCookie },
    { label: 'giving menu', path: '/' },
  ];
}

export async function growthRun(
  mongodbUri: string,
  donations: number,
  pages: GrowthPage[],
  webhooks: number,
): Promise<GrowthRun> {
  const app = await startServer('app', {
    MONGODB_URI: mongodbUri,
    STRIPE_SECRET_KEY: 'sk_test_bench',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    BASE_URL: 'http://localhost:3000',
  });
  try {
    const measured: GrowthRun['pages'] = [];
    for (const page of pages) {
      const single = await sequential(app.base + page.path, headersOf(page));
      const a = await load(app.base + page.path, headersOf(page));
      if (single.status !== 200) say(`growth ${page.label}: status ${single.status}`);
      say(
        `growth ${donations}: ${page.label}: ${a.rps} req/s p50 ${a.p50} p99 ${a.p99}, single median ` +
          `${single.medianMs} ms, ${a.errors} errors`,
      );
      measured.push({ page, app: a, single });
    }
    const hooks = await webhookThroughput(app.base, webhooks);
    say(`growth ${donations}: webhooks ${describeWebhooks(hooks)}`);
    return { donations, pages: measured, webhooks: hooks };
  } finally {
    await stop(app.child);
  }
}

/** Slowdown from `small` to `big`: > 1 is slower. For req/s it is small ÷ big, for latency big ÷ small. */
function slowdown(smallRps: number, bigRps: number): number {
  return round2(smallRps / Math.max(bigRps, 1));
}

export function growthMarkdown(small: GrowthRun, big: GrowthRun): string {
  const n = (x: number) => x.toLocaleString('en');
  const head =
    `| measurement | ${n(small.donations)}: req/s | p99 ms | single ms | ${n(big.donations)}: req/s | p99 ms | ` +
    'single ms | slowdown (req/s) | single-request slowdown | ≤ 2× |\n|---|---|---|---|---|---|---|---|---|---|';
  const lines = small.pages.map((s, i) => {
    const b = big.pages[i] as GrowthRun['pages'][number];
    const down = slowdown(s.app.rps, b.app.rps);
    const single = round2(b.single.medianMs / Math.max(s.single.medianMs, 0.1));
    return (
      `| ${s.page.label} (\`${pathLabel(s.page.path)}\`) | ${s.app.rps} | ${s.app.p99} | ${s.single.medianMs} | ` +
      `${b.app.rps} | ${b.app.p99} | ${b.single.medianMs} | **${down}** | ${single} | ` +
      `${down <= 2 && single <= 2 ? 'met' : 'not met'} |`
    );
  });
  const hooks = slowdown(small.webhooks.perSecond, big.webhooks.perSecond);
  lines.push(
    `| webhooks/s (8 at a time) | ${small.webhooks.perSecond} | – | – | ${big.webhooks.perSecond} | – | – | ` +
      `**${hooks}** | – | ${hooks <= 2 ? 'met' : 'not met'} |`,
  );
  return [head, ...lines].join('\n');
}

export function growthMet(small: GrowthRun, big: GrowthRun): boolean {
  const pagesOk = small.pages.every((s, i) => {
    const b = big.pages[i] as GrowthRun['pages'][number];
    return slowdown(s.app.rps, b.app.rps) <= 2 && b.single.medianMs / Math.max(s.single.medianMs, 0.1) <= 2;
  });
  return pagesOk && slowdown(small.webhooks.perSecond, big.webhooks.perSecond) <= 2;
}
