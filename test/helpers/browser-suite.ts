/**
 * The set-up every browser test file shares: a fresh database and app (useTestApp), the seed
 * data, the file's own records, one Chromium and the app served on a free local port; all of it
 * closed after the file. Call inside a `describe`; read `browser` and `base` inside tests.
 */
import type { Browser } from 'playwright-core';
import { useTestApp, type TestContext } from './context.js';
import { launchChromium, serve } from './chromium.js';
import { runSeeds } from '../../seeds/index.js';

export interface BrowserSuite {
  ctx: TestContext;
  browser: Browser;
  /** The served app's address, e.g. http://127.0.0.1:40123 (no trailing slash). */
  base: string;
}

export function useBrowserSuite(options: {
  seeds: Parameters<typeof runSeeds>[0];
  app?: Parameters<typeof useTestApp>[0];
  /** The file's own records, made after the seeds and before Chromium starts. */
  setUp?: () => Promise<void>;
}): BrowserSuite {
  const ctx = useTestApp(options.app);
  const suite = { ctx } as BrowserSuite;
  let site: Awaited<ReturnType<typeof serve>> | undefined;
  before(async function () {
    // Seeding the social map, installing Chromium on a fresh machine and a slow CI box add up.
    this.timeout(10 * 60_000);
    await runSeeds(options.seeds);
    await options.setUp?.();
    suite.browser = await launchChromium();
    site = await serve(ctx.app);
    suite.base = site.base;
  });
  after(async () => {
    await suite.browser?.close();
    await site?.close();
  });
  return suite;
}
