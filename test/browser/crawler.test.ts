import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { applicationInReview, fundMoney } from '../helpers/grants.js';
import {
  describeOverflow,
  describeViolations,
  horizontalOverflow,
  seriousViolations,
  visitor,
} from '../helpers/chromium.js';
import { DEMO_PASSWORD } from '../../seeds/index.js';
import { seedId } from '../../seeds/social-map.js';
import { authenticate } from '../../src/modules/accounts/user.service.js';
import { translate } from '../../src/shared/i18n/index.js';
import { PROJECT_ROOT } from '../../src/shared/paths.js';

/** Where each person's list of crawled URLs goes (git-ignored), to see what a run covered. */
const LOG_DIR = path.join(PROJECT_ROOT, 'test-output', 'crawler');

/**
 * The crawler: signed in as each kind of person on the demo data, it follows every internal link
 * and GET form from the home page in one phone-sized Chromium (390 px, Thai) and holds every page
 * it reaches to the house rules — no 5xx, no link the app shows that fails the person it is shown
 * to, a <title> naming the page, exactly one <h1>, no raw `{{placeholder}}`, no sideways scrolling,
 * no serious or critical axe violation. New pages are covered without anyone adding them here.
 * Failures are collected per person and reported together, so one run shows everything.
 */

/** Pages crawled per person at most; with the per-shape bound below the real count stays lower. */
const MAX_PAGES = 150;
/** Distinct URLs per route shape (`/organisations/:id`, `/directory?issue=`): a sample, not all 178. */
const PER_SHAPE = 3;
/** Lists are paged; pages 1 and 2 prove the paging, page 200 proves nothing more. */
const MAX_LIST_PAGE = 2;

const PERSONAS = [
  { name: 'anonymous', email: null },
  { name: 'donor', email: 'donor@example.org' },
  { name: 'applicant', email: 'applicant@example.org' },
  { name: 'reviewer', email: 'reviewer@example.org' },
  { name: 'staff', email: 'staff@example.org' },
  { name: 'admin', email: 'admin@example.org' },
] as const;

/** Route parameters that are words, not ids: `/funds/education` and `/funds/media` are one route. */
const SLUG_ROUTES: [RegExp, string][] = [
  [/^\/funds\/[^/]+/, '/funds/:slug'],
  [/^\/campaigns\/[^/]+/, '/campaigns/:slug'],
];

/** Query parameters that only carry where to go back to or which language: not a different page. */
const NOISE_PARAMS = ['lang', 'next'];

/** Answers that are files, not pages: fetched for their status only. */
const DOWNLOAD = /\.(pdf|csv|json)$|^\/api\/|^\/receipts\/|\/attachments\/|\/photos\/|^\/account\/gifts\/summary\//;

/** Links that end the session or change something (GET must be safe, but these are not pages). */
const NEVER_FOLLOW = /^\/logout\b/;

interface Failure {
  url: string;
  problem: string;
}

interface Target {
  url: URL;
  from: string;
}

/**
 * The route's shape: ids and numbers become placeholders, and the query keeps its keys only. A
 * later page of any list on a path is one shape, whatever the filters, so paging is sampled once.
 */
function shapeOf(url: URL): string {
  const path = SLUG_ROUTES.reduce((p, [pattern, shape]) => p.replace(pattern, shape), url.pathname)
    .split('/')
    .map((part) => (/^[0-9a-f]{24}$/.test(part) ? ':id' : /^\d+$/.test(part) ? ':n' : part))
    .join('/');
  if (Number(url.searchParams.get('page') ?? '1') > 1) return `${path} (a later page)`;
  const keys = [...new Set([...url.searchParams.keys()].filter((k) => !NOISE_PARAMS.includes(k)))].sort();
  return keys.length ? `${path}?${keys.join('&')}` : path;
}

/** One key per page: noise parameters dropped, the rest sorted. */
function keyOf(url: URL): string {
  const params = [...url.searchParams.entries()]
    .filter(([k]) => !NOISE_PARAMS.includes(k))
    .sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv));
  const query = new URLSearchParams(params).toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

function tooDeepInAList(url: URL): boolean {
  const page = Number(url.searchParams.get('page') ?? '1');
  return Number.isFinite(page) && page > MAX_LIST_PAGE;
}

/** Links and GET forms of the current page, the forms submitted as they stand (default values). */
async function outgoing(page: Page): Promise<{ links: string[]; getForms: string[] }> {
  return (await page.evaluate(`(() => {
    const links = [...document.querySelectorAll('a[href]')].map((a) => a.href);
    const getForms = [...document.querySelectorAll('form')]
      .filter((form) => (form.getAttribute('method') || 'get').toLowerCase() === 'get')
      .map((form) => {
        const url = new URL(form.action);
        url.search = new URLSearchParams([...new FormData(form)].filter(([, v]) => typeof v === 'string')).toString();
        return url.href;
      });
    return { links, getForms };
  })()`)) as { links: string[]; getForms: string[] };
}

/** Text a person reads (visible text, the title and the attributes read aloud or shown). */
async function rawPlaceholders(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const found = [];
    const text = document.body ? document.body.innerText : '';
    for (const m of text.matchAll(/.{0,30}\\{\\{.{0,30}/g)) found.push(m[0].trim());
    if (document.title.includes('{{')) found.push('<title> ' + document.title);
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], input[value], meta[content]')) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'value', 'content']) {
        const value = el.getAttribute(attr);
        if (value && value.includes('{{')) found.push(attr + '="' + value.slice(0, 60) + '"');
      }
    }
    return found;
  })()`)) as string[];
}

async function checkPage(page: Page, site: string, failures: Failure[], url: string): Promise<void> {
  const title = await page.title();
  const parts = title.split(' · ');
  const pageName = parts.slice(0, -1).join(' · ').trim();
  if (parts.length < 2 || parts.at(-1) !== site || !pageName || pageName === site) {
    failures.push({
      url,
      problem: `<title> does not name the page: "${title}" (want "<page> · ${site}", from the first <h1>)`,
    });
  }
  const h1s = await page.locator('h1').count();
  if (h1s !== 1) failures.push({ url, problem: `${h1s} <h1> elements (want exactly one, naming the page)` });
  for (const raw of await rawPlaceholders(page)) failures.push({ url, problem: `raw placeholder shown: ${raw}` });
  const overflow = await horizontalOverflow(page);
  if (overflow) failures.push({ url, problem: describeOverflow(overflow) });
  const violations = await seriousViolations(page);
  if (violations.length)
    failures.push({ url, problem: `axe:\n    ${describeViolations(violations).split('\n').join('\n    ')}` });
}

/**
 * A page rendered byte for byte as one checked before (another person with the same menu on a
 * public page; only the CSRF token differs) has the same title, headings, text, layout and axe
 * result: its problems are those found then, reported again for this person without re-running.
 */
const checkedPages = new Map<string, string[]>();

async function checkPageOnce(page: Page, site: string, failures: Failure[], url: string): Promise<void> {
  const html = (await page.content()).replace(/(name="_csrf" value=")[^"]*"/g, '$1"');
  const digest = createHash('sha256').update(html).digest('hex');
  const known = checkedPages.get(digest);
  if (known) {
    for (const problem of known) failures.push({ url, problem });
    return;
  }
  const found: Failure[] = [];
  await checkPage(page, site, found, url);
  checkedPages.set(
    digest,
    found.map((f) => f.problem),
  );
  failures.push(...found);
}

/** Status of a download (or anything not HTML) through the person's own session. */
async function fetchStatus(context: BrowserContext, url: string): Promise<number> {
  const response = await context.request.get(url, { failOnStatusCode: false });
  await response.dispose();
  return response.status();
}

async function crawl(
  context: BrowserContext,
  page: Page,
  base: string,
  site: string,
): Promise<{ failures: Failure[]; visited: string[] }> {
  const origin = new URL(base).origin;
  const failures: Failure[] = [];
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue: Target[] = [];
  const visited: string[] = [];

  const enqueue = (href: string, from: string, viaForm: boolean) => {
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      failures.push({ url: from, problem: `unreadable link ${href}` });
      return;
    }
    if (url.origin !== origin) return;
    url.hash = '';
    if (url.searchParams.has('_csrf'))
      failures.push({
        url: from,
        problem: `a CSRF token in a URL: ${viaForm ? 'GET form' : 'link'} to ${url.pathname}`,
      });
    url.searchParams.delete('_csrf');
    // "Previous" from page 2 is the list itself.
    if (url.searchParams.get('page') === '1') url.searchParams.delete('page');
    if (NEVER_FOLLOW.test(url.pathname) || tooDeepInAList(url)) return;
    const key = keyOf(url);
    if (seen.has(key)) return;
    const shape = shapeOf(url);
    const count = shapes.get(shape) ?? 0;
    if (count >= PER_SHAPE) return;
    seen.add(key);
    shapes.set(shape, count + 1);
    queue.push({ url, from });
  };

  enqueue('/', '(start)', false);
  while (queue.length && visited.length < MAX_PAGES) {
    const { url, from } = queue.shift()!;
    const where = `${url.pathname}${url.search}`;
    visited.push(where);
    const problemAt = (problem: string) => failures.push({ url: where, problem: `${problem} (linked from ${from})` });

    if (DOWNLOAD.test(url.pathname)) {
      const status = await fetchStatus(context, url.href);
      if (status >= 400) problemAt(`download answers HTTP ${status}`);
      continue;
    }
    let status: number;
    let contentType = '';
    try {
      const response = await page.goto(url.href, { waitUntil: 'load' });
      status = response?.status() ?? 0;
      contentType = (await response?.headerValue('content-type')) ?? '';
    } catch (error) {
      // A file the URL did not announce (Content-Disposition: attachment): its status is enough.
      if (!/Download is starting/.test(String(error))) throw error;
      const fileStatus = await fetchStatus(context, url.href);
      if (fileStatus >= 400) problemAt(`download answers HTTP ${fileStatus}`);
      continue;
    }
    if (status >= 500) problemAt(`HTTP ${status}`);
    else if (status >= 400) problemAt(`broken link: HTTP ${status}`);
    if (!contentType.startsWith('text/html')) continue;
    const landed = new URL(page.url());
    const at = `${landed.pathname}${landed.search}`;
    // A redirect lands on a page that may be crawled on its own too: check it once.
    const landedKey = keyOf(landed);
    if (landedKey !== keyOf(url)) {
      if (seen.has(landedKey)) continue;
      seen.add(landedKey);
    }
    await checkPageOnce(page, site, failures, at);
    const { links, getForms } = await outgoing(page);
    for (const href of links) enqueue(href, at, false);
    for (const href of getForms) enqueue(href, at, true);
  }
  return { failures, visited };
}

async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', DEMO_PASSWORD);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

describe('browser: a crawler holds every page each kind of person can reach to the house rules', function () {
  // About half a minute per person on an idle machine; the bound is for a loaded one.
  this.timeout(10 * 60_000);

  const suite = useBrowserSuite({
    seeds: { demoUsers: true },
    setUp: async () => {
      // Beyond the seeds: a gift for the demo donor (receipt, history) and the demo applicant's
      // application in review with the demo reviewer, so every person has their own pages to reach.
      const [staff, applicant, reviewer] = await Promise.all(
        ['staff', 'applicant', 'reviewer'].map((who) => authenticate(`${who}@example.org`, DEMO_PASSWORD)),
      );
      assert.ok(staff && applicant && reviewer, 'the demo accounts are seeded');
      await fundMoney(staff, 'elderly', 200_000_00);
      await applicationInReview(
        staff,
        applicant,
        seedId('demo:call:elderly-2570').toString(),
        seedId('demo:organisation:elderly-club').toString(),
        [reviewer.id],
      );
    },
  });

  it('has a sideways-scrolling check that does catch a page wider than the phone', async () => {
    const { context, page } = await visitor(suite.browser, 'phone');
    try {
      await page.setContent('<!doctype html><html lang="th"><title>t</title><main><p>พอดีจอ</p></main></html>');
      assert.equal(await horizontalOverflow(page), null);
      await page.setContent(
        '<!doctype html><html lang="th"><title>t</title><main><table class="wide" style="width:600px"><tr><td>x</td></tr></table></main></html>',
      );
      const overflow = await horizontalOverflow(page);
      assert.ok(overflow && overflow.scrollWidth > overflow.clientWidth);
      assert.match(overflow.culprits.join(' '), /table\.wide/);
    } finally {
      await context.close();
    }
  });

  it('pages no link leads to (not found, not allowed, a spent email link) are sound too', async () => {
    const { context, page } = await visitor(suite.browser, 'phone');
    const failures: Failure[] = [];
    const expect = async (path: string, status: number, label = path) => {
      const response = await page.goto(`${suite.base}${path}`);
      if (response?.status() !== status)
        failures.push({ url: label, problem: `HTTP ${response?.status()} (want ${status})` });
      await checkPage(page, translate('th', 'site.name'), failures, label);
    };
    try {
      await expect('/no-such-page', 404);
      await expect('/verify-email/not-a-real-token', 410);
      await expect('/reset-password/not-a-real-token', 410);
      await signIn(page, suite.base, 'donor@example.org');
      await expect('/admin', 403, '/admin (as a donor)');
    } finally {
      await context.close();
    }
    assert.equal(failures.length, 0, failures.map((f) => `  ${f.url}: ${f.problem}`).join('\n'));
  });

  for (const persona of PERSONAS) {
    it(`every page reachable by ${persona.name === 'anonymous' ? 'an anonymous visitor' : `the demo ${persona.name}`} is sound at 390 px`, async () => {
      const { context, page } = await visitor(suite.browser, 'phone');
      try {
        if (persona.email) await signIn(page, suite.base, persona.email);
        const { failures, visited } = await crawl(context, page, suite.base, translate('th', 'site.name'));
        fs.mkdirSync(LOG_DIR, { recursive: true });
        fs.writeFileSync(path.join(LOG_DIR, `${persona.name}.txt`), `${visited.join('\n')}\n`);
        const report = failures.map((f) => `  ${f.url}: ${f.problem}`).join('\n');
        assert.ok(visited.length > 5, `the crawl reached only ${visited.length} pages (${page.url()}):\n${report}`);
        assert.equal(
          failures.length,
          0,
          `${failures.length} problems on the ${visited.length} pages ${persona.name} reached:\n${report}`,
        );
      } finally {
        await context.close();
      }
    });
  }
});
