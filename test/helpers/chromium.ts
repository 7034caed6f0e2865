/**
 * Real Chromium for browser tests: Debian's package, installed by the project's own script when
 * missing (CI runs as root on a fresh machine), never a downloaded browser. The app under test
 * listens on a free local port in this process; every page visited is checked with axe-core.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/shared/paths.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-output', 'screenshots');

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 860 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export function ensureChromium(): void {
  if (fs.existsSync(CHROMIUM)) return;
  execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts', 'install-browser.sh')], { stdio: 'inherit' });
}

export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Serves the test app on a free local port. */
export async function serve(app: Express): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A Thai-speaking visitor's browser at a viewport (CSP bypassed only so axe-core can be injected). */
export async function visitor(
  browser: Browser,
  viewport: ViewportName,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    locale: 'th-TH',
    bypassCSP: true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  return { context, page };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the current page (none is the bar). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // Runs in the page (a string, so this Node-side file needs no DOM types).
  const result = (await page.evaluate("window.axe.run(document, { resultTypes: ['violations'] })")) as {
    violations: AxeViolation[];
  };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface HorizontalOverflow {
  scrollWidth: number;
  clientWidth: number;
  /** The elements that break out past the right edge or let their content spill, as short selectors. */
  culprits: string[];
}

/**
 * Whether the page scrolls sideways (a phone user then pans for every line): null when it fits,
 * else how wide it is and the elements that stick out, so the message points at the fix.
 * A string evaluated in the page, so this Node-side file needs no DOM types.
 */
export async function horizontalOverflow(page: Page): Promise<HorizontalOverflow | null> {
  return (await page.evaluate(`(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const limit = root.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const right = (el) => el.getBoundingClientRect().right;
    const all = [...document.body.querySelectorAll('*')].filter((el) => getComputedStyle(el).position !== 'fixed');
    // Boxes breaking out of a parent that fits (a wide table, a fixed-width image) ...
    const boxes = all.filter((el) => right(el) > limit + 1 && (!el.parentElement || right(el.parentElement) <= limit + 1));
    // ... and boxes that fit but let their content spill (a long unbroken word, a <pre>).
    const spilling = all.filter((el) => right(el) <= limit + 1 && el.getBoundingClientRect().left + el.scrollWidth > limit + 1 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible');
    // (a parent spills because of its child: name the innermost one only)
    const spills = spilling.filter((el) => !boxes.some((b) => el.contains(b)) && !spilling.some((o) => o !== el && el.contains(o)));
    const culprits = [...boxes, ...spills].slice(0, 5).map((el) => (el.parentElement ? name(el.parentElement) + ' > ' : '') + name(el) + ' (' + Math.max(Math.round(right(el)), el.scrollWidth) + 'px)');
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  })()`)) as HorizontalOverflow | null;
}

export function describeOverflow(overflow: HorizontalOverflow): string {
  return `scrolls sideways: ${overflow.scrollWidth}px wide in a ${overflow.clientWidth}px window; sticking out: ${overflow.culprits.join(', ') || '(no single element)'}`;
}

/**
 * Screenshot of a journey step into the git-ignored test-output/screenshots/, then the page's
 * serious accessibility violations; on the phone, sideways scrolling counts as one too (reported as
 * `horizontal-scroll`), so every journey checks the 390 px layout without asking for it.
 */
export async function step(page: Page, journey: string, viewport: ViewportName, name: string): Promise<AxeViolation[]> {
  // Measured before the full-page screenshot, which resizes the page while it shoots.
  const overflow = viewport === 'phone' ? await horizontalOverflow(page) : null;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${journey}-${viewport}-${name}.png`), fullPage: true });
  const violations = await seriousViolations(page);
  if (overflow)
    violations.push({
      id: 'horizontal-scroll',
      impact: 'serious',
      help: describeOverflow(overflow),
      nodes: overflow.culprits.map((c) => ({ target: [c] })),
    });
  return violations;
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
}
