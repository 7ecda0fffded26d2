// Browser tests of the Trellis web application in headless Chromium (the system's, never a
// downloaded one). Run through run.sh, which builds trellis, serves a database on 127.0.0.1
// and sets TRELLIS_URL. Screenshots of the main pages go to artifacts/ (not committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.TRELLIS_URL;
if (!BASE) throw new Error('TRELLIS_URL is not set: run tests/browser/run.sh');
const ART = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ART, { recursive: true });

let browser;
const problems = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
after(async () => { await browser?.close(); });

async function newPage(viewport = { width: 1280, height: 900 }) {
  const ctx = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await ctx.newPage();
  // Any script error or CSP violation fails the test that caused it.
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return page;
}

function assertNoProblems() {
  const p = problems.splice(0);
  assert.deepEqual(p, [], 'no console errors or CSP violations');
}

/** axe-core on the current page: no violations of WCAG 2 A/AA rules. */
async function axe(page, name) {
  const result = await page.evaluate(async (src) => {
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    (0, eval)(src);
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, AXE);
  assert.deepEqual(result, [], `axe violations on ${name}`);
}

async function shot(page, name) {
  await page.screenshot({ path: `${ART}${name}.png`, fullPage: name !== 'home-phone' });
}

test('home → cluster → occupation, accessible, keyboard-navigable wheel', async () => {
  const page = await newPage();
  await page.goto(BASE + '/');
  assert.equal(await page.locator('svg.wheel a.seg').count(), 14, 'every cluster is a wheel link');
  await axe(page, 'home');
  await shot(page, 'home');
  // Keyboard: Tab reaches the wheel's links, and Enter follows one.
  let onWheel = false;
  for (let i = 0; i < 40 && !onWheel; i++) {
    await page.keyboard.press('Tab');
    onWheel = await page.evaluate(() => !!document.activeElement?.closest('svg.wheel'));
  }
  assert.ok(onWheel, 'Tab reaches the wheel');
  await Promise.all([page.waitForURL(/\/clusters\//), page.keyboard.press('Enter')]);

  await page.goto(BASE + '/');
  await Promise.all([page.waitForURL(/\/clusters\/digital-technology$/), page.locator('ol.clusters-list a', { hasText: 'Digital Technology' }).click()]);
  assert.equal((await page.locator('h1').textContent()).trim(), 'Digital Technology');
  const rows = await page.locator('#occupations ~ .table-wrap tbody tr, .table-wrap table tbody tr').count();
  assert.ok(rows > 5, `the cluster lists its occupations (${rows})`);
  assert.ok(await page.locator('svg.chart').count() >= 3, 'charts');
  await axe(page, 'cluster');
  await shot(page, 'cluster-digital-technology');

  await page.selectOption('#state', 'CT');
  await page.waitForURL(/state=CT/);
  assert.ok((await page.locator('caption').first().textContent()).includes('Connecticut'));
  await shot(page, 'cluster-digital-technology-CT');

  const first = page.locator('table tbody tr td a').first();
  const soc = (await first.textContent()).trim();
  await Promise.all([page.waitForURL(new RegExp(`/occupations/${soc}`)), first.click()]);
  assert.ok((await page.locator('h1').textContent()).includes(soc));
  assert.ok(await page.locator('#figures ~ .table-wrap tbody tr').count() > 5, 'figures table');
  await axe(page, 'occupation');
  await shot(page, 'occupation');
  assertNoProblems();
});

test('search as you type, then the plain search page', async () => {
  const page = await newPage();
  await page.goto(BASE + '/');
  await page.locator('#q').pressSequentially('registered nur', { delay: 40 });
  const option = page.locator('#search-results li[role="option"]');
  // The list refreshes after each keystroke: wait for the answer to the whole query.
  const wanted = option.filter({ hasText: 'Registered Nurses (29-1141)' });
  await wanted.first().waitFor({ timeout: 5000 }).catch(() => {});
  const texts = await option.allTextContents();
  assert.ok(texts.some((t) => t.includes('Registered Nurses')), texts.join(' / '));
  assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'true');
  await shot(page, 'search-suggestions');
  // Arrow down until the highlighted suggestion is the one wanted (the list may still be
  // refreshing from the last keystroke, so counting positions would race it).
  const selected = page.locator('#search-results li[aria-selected="true"]');
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('ArrowDown');
    if (((await selected.textContent({ timeout: 1000 }).catch(() => '')) || '').includes('Registered Nurses')) break;
  }
  await Promise.all([page.waitForURL(/\/occupations\/29-1141/), page.keyboard.press('Enter')]);

  await page.goto(BASE + '/search?q=welding');
  assert.ok(await page.locator('main ol li a').count() > 0, 'the search page answers without JavaScript');
  await axe(page, 'search');
  assertNoProblems();
});

test('crosswalk explorer: the CSV download holds the rows shown', async () => {
  const page = await newPage();
  await page.goto(BASE + '/crosswalk');
  await page.selectOption('#cluster', 'construction');
  await Promise.all([page.waitForURL(/cluster=construction/), page.locator('form.filters button[type=submit]').click()]);
  const summary = await page.locator('main > p', { hasText: /rows? match/ }).textContent();
  const shown = Number(summary.match(/(\d+) rows? match/)[1]);
  assert.ok(shown > 0);
  await axe(page, 'crosswalk');
  await shot(page, 'crosswalk');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.downloads a', { hasText: 'CSV' }).click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'cluster,cluster_name,sub_cluster,sub_cluster_name,code,title,primary,score,interdisciplinary');
  assert.equal(csv.length - 1, shown, 'one CSV row per row shown');
  assert.ok(csv.slice(1).every((l) => l.startsWith('construction,')));
  assertNoProblems();
});

test('program alignment: upload a CSV of programs', async () => {
  const page = await newPage();
  await page.goto(BASE + '/align');
  await axe(page, 'align form');
  await page.setInputFiles('#file', {
    name: 'programs.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('cip,name\n51.3801,Nursing (ADN)\n,Welding Technology\n48.0508,\n'),
  });
  await page.selectOption('#state', 'CT');
  await Promise.all([page.waitForURL(/\/align$/), page.locator('form.stack button[type=submit]').click()]);
  assert.equal(await page.locator('#results ~ section.card').count(), 3);
  assert.ok(await page.locator('a[href="/programs/51.3801"]').count() > 0);
  assert.ok(await page.locator('a[href="/occupations/29-1141"]').count() > 0);
  await axe(page, 'align results');
  await shot(page, 'align-results');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('form.downloads button', { hasText: 'CSV' }).click()]);
  const report = readFileSync(await download.path(), 'utf8');
  assert.ok(report.startsWith('input,cip,cip_title'), report.slice(0, 80));
  assertNoProblems();
});

test('HSHWID list and data pages', async () => {
  const page = await newPage();
  await page.goto(BASE + '/hshwid?state=CT');
  assert.ok(await page.locator('table tbody tr').count() > 100, 'the Connecticut list');
  await axe(page, 'hshwid');
  await shot(page, 'hshwid-CT');
  await page.goto(BASE + '/data');
  assert.ok(await page.locator('table tbody tr').count() > 5, 'source files');
  await axe(page, 'data');
  await shot(page, 'data');
  assertNoProblems();
});

test('all occupations: filter by a cluster, sort, download, follow a link', async () => {
  const page = await newPage();
  await page.goto(BASE + '/');
  await Promise.all([page.waitForURL(/\/occupations$/), page.locator('nav.main a', { hasText: 'Occupations' }).click()]);
  const count = async () => Number((await page.locator('#occ-count').textContent()).match(/(\d+) occupations? match/)[1]);
  const all = await count();
  assert.ok(all > 800, `every detailed occupation is listed (${all})`);
  assert.equal(await page.locator('.table-wrap tbody tr').count(), 100, 'one page of 100 rows');
  await axe(page, 'occupations');
  await shot(page, 'occupations');

  await page.selectOption('#f-cluster', 'healthcare-human-services');
  await Promise.all([page.waitForURL(/cluster=healthcare-human-services/), page.locator('form.filters button[type=submit]').click()]);
  const inCluster = await count();
  assert.ok(inCluster > 20 && inCluster < all, `the cluster filter narrows the list (${inCluster})`);
  // Sorting is a link in the column heading, kept with the filters.
  await Promise.all([page.waitForURL(/sort=median/), page.locator('thead th a', { hasText: 'Median wage' }).click()]);
  assert.equal(await page.locator('thead th[aria-sort="descending"]', { hasText: 'Median wage' }).count(), 1);
  assert.equal(await count(), inCluster, 'sorting keeps the filter');
  const medians = (await page.locator('.table-wrap tbody tr td:nth-child(10)').allTextContents())
    .map((t) => Number(t.replace(/[^0-9]/g, ''))).filter((n) => n > 0);
  assert.ok(medians.length > 5 && medians.every((m, i) => i === 0 || medians[i - 1] >= m), 'largest median first');
  await axe(page, 'occupations filtered');
  await shot(page, 'occupations-healthcare');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.downloads a', { hasText: 'CSV' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.ok(csv[0].startsWith('soc,title,cluster,'));
  assert.equal(csv.length - 1, inCluster, 'one CSV row per occupation matched');
  const firstShown = (await page.locator('.table-wrap tbody tr td:first-child a').first().textContent()).trim();
  assert.ok(csv[1].startsWith(firstShown + ','), 'the CSV is in the order shown');

  const link = page.locator('.table-wrap tbody tr td:nth-child(2) a').first();
  const title = (await link.textContent()).trim();
  await Promise.all([page.waitForURL(new RegExp(`/occupations/${firstShown}$`)), link.click()]);
  assert.ok((await page.locator('h1').textContent()).includes(title));
  assertNoProblems();
});

test('all programs by CIP family, filtered by a cluster; industries by sector', async () => {
  const page = await newPage();
  await page.goto(BASE + '/programs?cluster=construction');
  const n = Number((await page.locator('#prog-count').textContent()).match(/(\d+) programs? match/)[1]);
  assert.ok(n > 5, `construction programs (${n})`);
  assert.ok(await page.locator('main h2[id^="family-"]').count() >= 1, 'grouped by CIP family');
  await axe(page, 'programs');
  await shot(page, 'programs-construction');
  const link = page.locator('.table-wrap tbody tr td:first-child a').first();
  const cip = (await link.textContent()).trim();
  await Promise.all([page.waitForURL(new RegExp(`/programs/${cip.replace('.', '\\.')}$`)), link.click()]);
  await page.goto(BASE + '/industries');
  assert.equal(await page.locator('main h2[id^="sector-"]').count(), 20, 'the 20 NAICS sectors');
  await axe(page, 'industries');
  await shot(page, 'industries');
  assertNoProblems();
});

test('API reference: every route documented, example links answer', async () => {
  const page = await newPage();
  await page.goto(BASE + '/');
  await Promise.all([page.waitForURL(/\/api$/), page.locator('nav.main a', { hasText: 'API' }).click()]);
  const examples = page.locator('a.example');
  const doc = await (await fetch(BASE + '/api/v1/openapi.json')).json();
  assert.equal(await examples.count(), Object.keys(doc.paths).length, 'one example per route');
  await axe(page, 'api');
  await shot(page, 'api');
  const href = await page.locator('a.example[href^="/api/v1/occupations/"]').first().getAttribute('href');
  const resp = await page.goto(BASE + href);
  assert.equal(resp.status(), 200);
  const body = JSON.parse(await resp.text());
  assert.ok(body.soc && body.title, 'the example answers with an occupation');
  assertNoProblems();
});

test('readable on a phone and on a desktop: no horizontal page scroll', async () => {
  const paths = ['/', '/clusters/healthcare-human-services?state=CT', '/occupations/29-1141?state=CT', '/crosswalk', '/hshwid?state=CT', '/occupations?state=CT', '/programs?cluster=construction', '/industries', '/api'];
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const p = await newPage(viewport);
    for (const path of paths) {
      await p.goto(BASE + path);
      // Wide tables scroll inside their own region; the page itself never does.
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} at ${viewport.width}px scrolls sideways by ${overflow}px`);
    }
  }
  const page = await newPage({ width: 390, height: 844 });
  await page.goto(BASE + '/');
  await shot(page, 'home-phone');
  await page.goto(BASE + '/clusters/healthcare-human-services');
  await shot(page, 'cluster-phone');
  assertNoProblems();
});
