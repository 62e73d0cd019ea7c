// End-to-end: the release build of the page, served over HTTP, in the
// system's Chromium driven by playwright-core. Screenshots go to target/e2e/.
//
//   BASE_URL=http://127.0.0.1:PORT/ node --test e2e/
//
// Without BASE_URL the test serves dist/ itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve, NESTED_PREFIX } from './serve.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = 'target/e2e';
// The five seed reports hold six meetings: seed 003 tells of two.
const SEED_FILES = 5;
const SEED_MEETINGS = 6;

let base = process.env.BASE_URL;
let ownServer;
let context;
let profile;

before(async () => {
  if (!base) {
    ownServer = await serve('dist');
    base = ownServer.url;
  }
  await mkdir(SHOTS, { recursive: true });
  profile = await mkdtemp(join(tmpdir(), 'readout-e2e-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
  });
});

after(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  ownServer?.server.close();
});

/** Opens `url`, waits for the corpus to be parsed; returns the page and its errors. */
async function open(url, options = {}) {
  const page = await context.newPage();
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  const response = await page.goto(url);
  assert.equal(response.status(), 200, `GET ${url}`);
  const summary = page.getByTestId('summary');
  await summary.waitFor();
  // Wait for the parse to finish; fail at once, with the page's own words,
  // if it crashes (a panic in the core aborts the wasm instance).
  const deadline = Date.now() + 20_000;
  while ((await summary.textContent()).startsWith('Parsing')) {
    if (problems.length) throw new Error(`the page failed while parsing:\n${problems.join('\n')}`);
    if (Date.now() > deadline) throw new Error('the corpus was still being parsed after 20 s');
    await page.waitForTimeout(50);
  }
  return { page, problems, summary: (await summary.textContent()).trim() };
}

test('the sample corpus is parsed in the page and listed as a timeline of meeting cards', async () => {
  const { page, problems, summary } = await open(base);
  const cards = page.locator('li.meeting-card');
  await page.screenshot({ path: `${SHOTS}/timeline.png`, fullPage: true });

  assert.match(summary, new RegExp(`\\b${SEED_FILES} files\\b`), summary);
  assert.match(summary, /\b0 errors\b/, summary);
  assert.equal(await page.locator('.file-error').count(), 0, 'no per-file errors');
  assert.match(summary, new RegExp(`^${SEED_MEETINGS} meetings\\b`), summary);
  assert.equal(await cards.count(), SEED_MEETINGS, 'one card per meeting');

  // Every card names its date (or says it has none), body, meeting and
  // directive count; cards run in date order with undated ones last.
  const rows = await cards.evaluateAll((els) =>
    els.map((el) => ({
      date: el.dataset.date,
      shownDate: el.querySelector('.date')?.textContent ?? '',
      body: el.querySelector('.card-title .body')?.textContent ?? '',
      name: el.querySelector('.card-title .name')?.textContent ?? '',
      chair: el.querySelector('.chair')?.textContent ?? '',
      directives: el.querySelector('.directive-count')?.textContent ?? '',
    })),
  );
  for (const r of rows) {
    assert.ok(r.shownDate === (r.date || 'Undated'), JSON.stringify(r));
    assert.ok(r.body && r.name && r.chair, JSON.stringify(r));
    assert.match(r.directives, /^\d+$/, JSON.stringify(r));
  }
  const dates = rows.map((r) => r.date);
  const firstUndated = dates.indexOf('') === -1 ? dates.length : dates.indexOf('');
  assert.ok(dates.slice(firstUndated).every((d) => d === ''), `undated last: ${dates}`);
  assert.deepEqual(dates.slice(0, firstUndated), [...dates.slice(0, firstUndated)].sort(), `date order: ${dates}`);
  const total = rows.reduce((n, r) => n + Number(r.directives), 0);
  assert.match(summary, new RegExp(`\\b${total} directives?\\b`), `summary counts the cards' directives: ${summary}`);

  assert.deepEqual(problems, []);
  await page.close();
});

test('the build works from a sub-path and in dark mode', async () => {
  const { page, problems, summary } = await open(`${base.replace(/\/$/, '')}${NESTED_PREFIX}`, {
    colorScheme: 'dark',
  });
  await page.screenshot({ path: `${SHOTS}/timeline-dark.png`, fullPage: true });
  assert.match(summary, new RegExp(`\\b${SEED_FILES} files\\b`), summary);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, 'rgb(246, 245, 241)', 'the dark palette applies');
  assert.deepEqual(problems, []);
  await page.close();
});
