// End-to-end: the release build of the page, served over HTTP, in the
// system's Chromium driven by playwright-core. Screenshots go to target/e2e/.
//
//   BASE_URL=http://127.0.0.1:PORT/ node --test e2e/
//
// Without BASE_URL the test serves dist/ itself. The tests share one browser
// profile (so IndexedDB persists between them) and run in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, NESTED_PREFIX } from './serve.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = 'target/e2e';
const SAMPLES = 'static/samples';
// The five seed reports hold six meetings: seed 003 tells of two.
const SEED_FILES = 5;
const SEED_MEETINGS = 6;

let base = process.env.BASE_URL;
let ownServer;
let context;
let profile;
let work;
/** Every request any page made during the run. */
const requests = [];

before(async () => {
  if (!base) {
    ownServer = await serve('dist');
    base = ownServer.url;
  }
  await mkdir(SHOTS, { recursive: true });
  profile = await mkdtemp(join(tmpdir(), 'readout-e2e-'));
  work = await mkdtemp(join(tmpdir(), 'readout-e2e-files-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
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
    viewport: { width: 1280, height: 900 },
  });
  context.on('request', (r) => requests.push(r.url()));
});

after(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  if (work) await rm(work, { recursive: true, force: true });
  ownServer?.server.close();
});

/** Waits until the page has parsed everything it was given. */
async function ready(page, problems, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (problems.length) throw new Error(`the page failed:\n${problems.join('\n')}`);
    const phase = await page.getAttribute('[data-testid=app]', 'data-phase').catch(() => null);
    if (phase === 'ready') break;
    if (Date.now() > deadline) throw new Error(`still ${phase} after ${timeout} ms`);
    await page.waitForTimeout(50);
  }
  return (await page.getByTestId('summary').textContent()).trim();
}

/** Opens `url` and waits for the corpus; returns the page, its problems and the summary. */
async function open(url, options = {}) {
  const page = await context.newPage();
  if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
  const problems = [];
  if (options.init) await page.addInitScript(options.init);
  // Every Content-Security-Policy violation the page reports (see cspOf).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  // A reload aborts what the page was still fetching (the worker's wasm is
  // fetched after the first paint): net::ERR_ABORTED is the test's own doing,
  // every other failure is the page's.
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? 'unknown';
    if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} (${why})`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  const response = await page.goto(url);
  if (response) assert.equal(response.status(), 200, `GET ${url}`);
  const summary = await ready(page, problems);
  return { page, problems, summary };
}

/** The page's CSP meta tag (null if none) and the violations reported so far. */
async function cspOf(page) {
  return page.evaluate(() => ({
    policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null,
    violations: window.__cspViolations ?? ['(the violation listener was not installed)'],
  }));
}

async function cardRows(page) {
  return page.locator('li.meeting-card').evaluateAll((els) =>
    els.map((el) => ({
      date: el.dataset.date,
      body: el.querySelector('.card-title .body')?.textContent ?? '',
      name: el.querySelector('.card-title .name')?.textContent ?? '',
      level: el.querySelector('.level')?.dataset.level ?? '',
      directives: Number(el.querySelector('.directive-count')?.textContent),
    })),
  );
}

async function loadSamples(page, problems) {
  const clear = page.getByTestId('clear');
  if (await clear.isEnabled()) await clear.click();
  await page.getByTestId('samples').click();
  return ready(page, problems);
}

test('the sample corpus lists the six seed meetings in date order, under the page CSP with no violation', async () => {
  const { page, problems } = await open(base);
  const summary = await loadSamples(page, problems);
  await page.screenshot({ path: `${SHOTS}/timeline.png` });
  assert.match(summary, new RegExp(`^${SEED_MEETINGS} meetings\\b`), summary);
  assert.match(summary, new RegExp(`\\b${SEED_FILES} files\\b`), summary);
  assert.match(summary, /\b0 errors\b/, summary);
  const rows = await cardRows(page);
  assert.equal(rows.length, SEED_MEETINGS);
  const dates = rows.map((r) => r.date);
  const dated = dates.filter((d) => d);
  assert.deepEqual(dated, [...dated].sort(), `date order: ${dates}`);
  assert.deepEqual(dates.slice(dated.length), dates.filter((d) => !d), 'undated last');
  for (const r of rows) assert.ok(r.body && r.name, JSON.stringify(r));
  const total = rows.reduce((n, r) => n + r.directives, 0);
  assert.match(summary, new RegExp(`\\b${total} directives\\b`), summary);
  // Month groups and the date rail.
  assert.ok((await page.locator('.group-head').count()) >= 1);
  assert.ok((await page.locator('.date-rail .rail-item').count()) >= 1);
  // The served page carries its CSP, and nothing in the run broke it
  // (the worker parsed the samples under it).
  const csp = await cspOf(page);
  assert.ok(csp.policy, 'a Content-Security-Policy meta tag');
  for (const d of ["default-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(csp.policy.includes(d), `${d} in ${csp.policy}`);
  }
  assert.doesNotMatch(csp.policy, /'unsafe-inline'|'unsafe-eval'|\*/, csp.policy);
  assert.deepEqual(csp.violations, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('expanding the Fujian meeting shows the named list 十個不放松 with 10 members; a directive highlights its span', async () => {
  const { page, problems } = await open(base);
  const card = page.locator('li.meeting-card', { has: page.locator('.body', { hasText: '福建省' }) });
  const toggle = card.locator('.card-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const controls = await toggle.getAttribute('aria-controls');
  assert.equal(await page.locator(`#${controls}`).count(), 1, 'aria-controls names the details');
  const list = card.locator('.named-list', { has: page.locator('.list-name', { hasText: '十個不放松' }) });
  await list.waitFor();
  assert.equal(await list.getAttribute('data-members'), '10');
  assert.match(await list.textContent(), /10 members/);
  const members = card.locator('li.directive.kind-named-list > ol > li.directive');
  assert.equal(await members.count(), 10);

  // Provenance: the directive's span is marked in the source pane and scrolled to.
  const directive = members.nth(3).locator('> .directive-text');
  const text = (await directive.locator('.text').textContent()).trim();
  await directive.click();
  const active = page.locator('.source-text mark.active');
  await active.first().waitFor();
  // The source still carries the pinyin readings the cleaner removed.
  const marked = (await active.allTextContents()).join('').replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)/g, '');
  assert.ok(marked.includes(text), `marked ${marked} for ${text}`);
  const visible = await active.first().evaluate((el) => {
    const pane = el.closest('.source-pane').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= pane.top - 1 && r.bottom <= pane.bottom + 1;
  });
  assert.ok(visible, 'the marked span is scrolled into the source pane');
  assert.ok((await page.locator('.source-text .repair').count()) > 0, 'repairs are marked in the source');
  await page.screenshot({ path: `${SHOTS}/provenance.png` });

  // Keyboard: Esc collapses, arrows move between cards, Enter expands.
  await toggle.focus();
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.closest('[data-ord]')?.dataset.ord);
  assert.equal(focused, '1');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('li.meeting-card[data-ord="1"] .card-toggle').getAttribute('aria-expanded'), 'true');
  assert.deepEqual(problems, []);
  await page.close();
});

test('filtering level = province leaves one meeting, and the URL hash restores the view after a reload', async () => {
  const { page, problems } = await open(base);
  await page.getByTestId('filter-level').selectOption('province');
  await page.waitForFunction(() => document.querySelectorAll('li.meeting-card').length === 1);
  assert.match(page.url(), /#.*level=province/);
  const summary = (await page.getByTestId('summary').textContent()).trim();
  assert.match(summary, /^1 of 6 meetings shown/, summary);
  await page.reload();
  await ready(page, problems);
  assert.equal(await page.locator('li.meeting-card').count(), 1);
  assert.equal(await page.getByTestId('filter-level').inputValue(), 'province');
  assert.equal((await cardRows(page))[0].level, 'province');
  await page.screenshot({ path: `${SHOTS}/filtered.png` });
  // Shared link: a new tab with the same URL shows the same view.
  const again = await open(page.url());
  assert.equal(await again.page.locator('li.meeting-card').count(), 1);
  await again.page.close();
  assert.deepEqual(problems, []);
  await page.close();
});

test('searching 疫苗 highlights the matches in directives', async () => {
  const { page, problems } = await open(base);
  await page.getByTestId('search').fill('疫苗');
  await page.locator('mark.match').first().waitFor();
  const marks = await page.locator('mark.match').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => m === '疫苗'), marks.join(','));
  assert.match(page.url(), /q=%E7%96%AB%E8%8B%97/);
  const summary = (await page.getByTestId('summary').textContent()).trim();
  assert.match(summary, /\bmatch(es)?\b/, summary);
  await page.screenshot({ path: `${SHOTS}/search.png` });
  await page.getByTestId('reset').click();
  await page.waitForFunction((n) => document.querySelectorAll('li.meeting-card').length === n, SEED_MEETINGS);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the script toggle turns 會議 into 会议, and the interface speaks Chinese', async () => {
  const { page, problems } = await open(base);
  const names = async () => (await page.locator('.card-title .name').allTextContents()).join(' ');
  assert.match(await names(), /會議/);
  await page.getByTestId('script').selectOption('s');
  await page.waitForFunction(() => !document.querySelector('.card-title').textContent.includes('會議'));
  assert.match(await names(), /会议/);
  assert.doesNotMatch(await names(), /會議/);
  await page.getByTestId('script').selectOption('t');
  await page.waitForFunction(() => document.querySelector('.card-title').textContent.includes('會議'));
  await page.getByTestId('lang').click();
  await page.getByText('示例语料').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
  await page.screenshot({ path: `${SHOTS}/chinese-traditional.png` });
  await page.getByTestId('lang').click();
  await page.getByTestId('script').selectOption('orig');
  assert.deepEqual(problems, []);
  await page.close();
});

/** The CLI's output for the seed reports, run from static/samples so file names match. */
function cliJson() {
  // Built as the native test stage builds it (same features), so usually fresh already.
  execFileSync('cargo', ['build', '-q', '--features', 'ui', '--bin', 'readout'], { stdio: 'inherit' });
  const bin = resolve('target/debug/readout');
  const files = execFileSync('ls', [SAMPLES]).toString().trim().split('\n');
  try {
    return execFileSync(bin, ['parse', ...files, '--format', 'json'], { cwd: SAMPLES, maxBuffer: 1 << 28 }).toString();
  } catch (e) {
    return e.stdout.toString(); // exit 1 when some file failed: the records still stand
  }
}

test('the JSON export equals `readout parse` on the same files; CSV has a BOM', async () => {
  const { page, problems } = await open(base);
  // Load the seed files through the file input, as a reader would.
  await page.getByTestId('clear').click();
  const files = (await readdir(SAMPLES)).sort().map((f) => join(SAMPLES, f));
  await page.getByTestId('file-input').setInputFiles(files);
  await page.waitForFunction((n) => document.querySelector('[data-testid=summary]').textContent.includes(`${n} files`), SEED_FILES);
  await ready(page, problems);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  const cli = JSON.parse(cliJson());
  assert.equal(exported.schema, 'readout/1');
  assert.deepEqual(exported, cli, 'same records as the CLI');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const bytes = await readFile(await csv.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  assert.match(bytes.toString('utf8'), /^\ufefffile,error,meeting,date/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a reload keeps the corpus (IndexedDB)', async () => {
  const { page, problems } = await open(base);
  await page.getByTestId('clear').click();
  const two = (await readdir(SAMPLES)).sort().slice(0, 2).map((f) => join(SAMPLES, f));
  await page.getByTestId('file-input').setInputFiles(two);
  await page.waitForFunction(() => /\b2 files\b/.test(document.querySelector('[data-testid=summary]').textContent));
  const before = await ready(page, problems);
  assert.match(before, /\b2 files\b/, before);
  await page.waitForTimeout(300); // the store is written after the load
  await page.reload();
  const after = await ready(page, problems);
  assert.equal(after, before);
  assert.deepEqual(problems, []);
  await page.close();
});

test('500 reports load with a progress bar and all their meetings are listed', async () => {
  const dir = join(work, 'many');
  await mkdir(dir, { recursive: true });
  const seeds = (await readdir(SAMPLES)).sort();
  const perSeed = {};
  const expected = { files: 500, meetings: 0 };
  // Each seed's meeting count, from the CLI's records.
  for (const d of JSON.parse(cliJson()).documents) perSeed[d.file] = d.meetings.length;
  const paths = [];
  for (let i = 0; i < 500; i++) {
    const seed = seeds[i % seeds.length];
    const p = join(dir, `r${String(i).padStart(3, '0')}-${seed}`);
    await writeFile(p, await readFile(join(SAMPLES, seed)));
    paths.push(p);
    expected.meetings += perSeed[seed];
  }
  const { page, problems } = await open(base);
  await page.getByTestId('clear').click();
  const started = Date.now();
  await page.getByTestId('file-input').setInputFiles(paths);
  await page.getByTestId('progress').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${SHOTS}/progress.png` });
  const summary = await ready(page, problems, 120_000);
  const ms = Date.now() - started;
  assert.match(summary, new RegExp(`^${expected.meetings} meetings\\b`), summary);
  assert.match(summary, /\b500 files\b/, summary);
  assert.equal(await page.getByTestId('progress').count(), 0, 'the bar goes when done');
  // Virtualised: a screenful of cards in the DOM; the last is reachable.
  const rendered = await page.locator('li.meeting-card').count();
  assert.ok(rendered > 0 && rendered < 60, `${rendered} cards in the DOM`);
  await page.getByTestId('timeline').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.waitForTimeout(300);
  await page.getByTestId('timeline').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.waitForTimeout(300);
  const last = await page.locator('li.meeting-card').last().getAttribute('data-ord');
  assert.equal(Number(last), expected.meetings - 1, 'the last card is rendered at the bottom');
  await page.screenshot({ path: `${SHOTS}/many.png` });
  console.log(`# 500 reports: ${expected.meetings} meetings parsed and listed in ${ms} ms`);
  assert.deepEqual(problems, []);
  await page.getByTestId('clear').click();
  await page.close();
});

test('a size cap set in the page refuses a bigger file with a clear message while the other files parse', async () => {
  const { page, problems } = await open(base);
  await loadSamples(page, problems);
  const cap = page.getByTestId('max-mb');
  assert.equal(await cap.inputValue(), '32', 'the CLI default, 32 MB');
  await cap.fill('1');
  await cap.press('Enter');
  await cap.blur();
  await page.waitForFunction(() => /(^|[#&])max=1(&|$)/.test(location.hash));
  // A report just over 1 MiB (a seed report padded with more of its text), and two seeds.
  const seeds = (await readdir(SAMPLES)).sort();
  const seed = await readFile(join(SAMPLES, seeds[0]));
  const big = join(work, 'big-report.txt');
  const copies = Math.ceil((1 << 20) / seed.length) + 1;
  await writeFile(big, Buffer.concat(Array(copies).fill(seed)));
  await page.getByTestId('clear').click();
  await page.getByTestId('file-input').setInputFiles([big, join(SAMPLES, seeds[1]), join(SAMPLES, seeds[2])]);
  await page.waitForFunction(() => /\b3 files\b/.test(document.querySelector('[data-testid=summary]').textContent));
  const summary = await ready(page, problems);
  assert.match(summary, /\b3 files\b/, summary);
  assert.match(summary, /\b1 error\b/, summary);
  const error = page.locator('.file-error');
  assert.equal(await error.count(), 1);
  assert.equal(await error.locator('.file').textContent(), 'big-report.txt');
  const message = await error.locator('.message').textContent();
  assert.match(message, new RegExp(`file is ${seed.length * copies} bytes, over the limit of 1048576 bytes`), message);
  assert.ok((await page.locator('li.meeting-card').count()) >= 2, 'the two seed reports still parse');
  await page.screenshot({ path: `${SHOTS}/size-cap.png` });
  // The cap is part of the view: it survives a reload, and out-of-range input is clamped.
  await page.reload();
  await ready(page, problems);
  assert.equal(await page.getByTestId('max-mb').inputValue(), '1');
  await page.getByTestId('max-mb').fill('100000');
  await page.getByTestId('max-mb').press('Enter');
  await page.getByTestId('max-mb').blur();
  await page.waitForFunction(() => /(^|[#&])max=128(&|$)/.test(location.hash));
  assert.equal(await page.getByTestId('max-mb').inputValue(), '128');
  await page.getByTestId('max-mb').fill('32');
  await page.getByTestId('max-mb').press('Enter');
  await page.getByTestId('max-mb').blur();
  await page.waitForFunction(() => !/max=/.test(location.hash));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a save that fails (quota exceeded) says so, keeps the corpus open, and leaves the stored one whole', async () => {
  // Every IndexedDB write throws QuotaExceededError once the test says so.
  const init = () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__quotaFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  };
  const { page, problems } = await open(base, { init });
  const stored = await loadSamples(page, problems);
  await page.waitForTimeout(500); // the store is written after the load
  await page.evaluate(() => (window.__quotaFull = true));
  const report = '1月6日晚,豐澤區召開專題會議。區委書記高金全強調,要切實做好疫情防控工作。';
  await page.locator('details.paste summary').click();
  await page.getByTestId('paste-text').fill(report);
  await page.getByTestId('paste-parse').click();
  const notice = page.getByTestId('notice');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('data-notice'), 'save-failed');
  assert.match(await notice.textContent(), /could not be saved.*QuotaExceededError/);
  const open_ = await ready(page, problems);
  assert.match(open_, new RegExp(`\\b${SEED_FILES + 1} files\\b`), `the corpus stays open: ${open_}`);
  assert.equal(await page.locator('li.meeting-card').count(), SEED_MEETINGS + 1);
  await page.screenshot({ path: `${SHOTS}/save-failed.png` });
  // Nothing of the failed save landed: a reload shows the corpus stored before it.
  await page.reload();
  const after = await ready(page, problems);
  assert.equal(after, stored);
  assert.equal(await page.getByTestId('notice').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a folder dropped on the page is walked like a chosen one', async () => {
  const dir = join(work, 'dropped');
  await mkdir(join(dir, 'sub'), { recursive: true });
  const seeds = (await readdir(SAMPLES)).sort();
  await writeFile(join(dir, 'a.txt'), await readFile(join(SAMPLES, seeds[0])));
  await writeFile(join(dir, 'sub', 'b.htm'), await readFile(join(SAMPLES, seeds[1])));
  await writeFile(join(dir, 'sub', 'skip.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const { page, problems } = await open(base);
  if (await page.getByTestId('clear').isEnabled()) await page.getByTestId('clear').click();
  // A drop from the desktop, as the browser gets it (with the folder's path).
  const cdp = await context.newCDPSession(page);
  const data = { items: [], files: [dir], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) {
    await cdp.send('Input.dispatchDragEvent', { type, x: 640, y: 400, data });
  }
  await page.waitForFunction(() => /\b2 files\b/.test(document.querySelector('[data-testid=summary]').textContent));
  const summary = await ready(page, problems);
  assert.match(summary, /\b2 files\b.*\b0 errors\b/, summary);
  const files = (await page.locator('li.meeting-card .file').allTextContents()).sort();
  assert.deepEqual([...new Set(files)], ['dropped/a.txt', 'dropped/sub/b.htm'], 'paths inside the folder, the .png skipped');
  await cdp.detach();
  assert.deepEqual(problems, []);
  await page.close();
});

test('report text with markup is shown literally and opens no dialog', async () => {
  const { page, problems } = await open(base);
  const evil = '<img src=x onerror=alert(1)>';
  const report = `1月6日晚,豐澤區召開專題會議${evil}。區委書記高金全強調,要切實做好${evil}疫情防控工作。`;
  await page.locator('details.paste summary').click();
  await page.getByTestId('paste-text').fill(report);
  await page.getByTestId('paste-parse').click();
  await ready(page, problems);
  const card = page.locator('li.meeting-card', { has: page.locator('.body', { hasText: '豐澤區' }) }).last();
  await card.locator('.card-toggle').click();
  const directive = card.locator('.directive-text').first();
  assert.ok((await directive.textContent()).includes(evil), await directive.textContent());
  await directive.click();
  assert.ok((await page.getByTestId('source-text').textContent()).includes(evil));
  await page.waitForTimeout(300);
  assert.equal(await page.locator('img[src=x]').count(), 0, 'no image element was made');
  await page.screenshot({ path: `${SHOTS}/markup-as-text.png` });
  assert.deepEqual(problems, [], 'no dialog, no error');
  await page.close();
});

test('a damaged store opens with a notice, is cleared, and the page still works', async () => {
  const { page, problems } = await open(base);
  await loadSamples(page, problems);
  await page.waitForTimeout(300); // the store is written after the load
  // 1. Garbage text under every key: not JSON of the stored shape.
  const keys = await page.evaluate(async () => {
    const db = await new Promise((ok, ko) => {
      const r = indexedDB.open('readout');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const tx = db.transaction('kv', 'readwrite');
    const store = tx.objectStore('kv');
    const keys = await new Promise((ok) => (store.getAllKeys().onsuccess = (e) => ok(e.target.result)));
    for (const k of keys) store.put('{"store":"readout-page/2","docs":[{"garbage', k);
    store.put(new Uint8Array([0, 159, 146, 150]), 'corpus'); // a legacy key of the wrong type
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
    return keys;
  });
  assert.ok(keys.some((k) => String(k).startsWith('corpus:')), `a versioned key: ${keys}`);
  await page.reload();
  await ready(page, problems);
  const notice = page.getByTestId('notice');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('data-notice'), 'stored-unreadable');
  assert.match(await notice.textContent(), /damaged/);
  // The page works: the samples load, are stored, and come back without a
  // notice. (The corpus is empty, so Clear is disabled: no loadSamples.)
  await page.getByTestId('samples').click();
  await ready(page, problems);
  assert.equal(await page.locator('li.meeting-card').count(), SEED_MEETINGS);
  await page.waitForTimeout(300);
  await page.reload();
  const summary = await ready(page, problems);
  assert.match(summary, new RegExp(`^${SEED_MEETINGS} meetings\\b`), summary);
  assert.equal(await page.getByTestId('notice').count(), 0, 'no notice for a good store');
  // 2. A database this page cannot open at all (a newer version without its
  // object store): cleared, with the notice, and the next visit starts clean.
  await page.evaluate(async () => {
    const db = await new Promise((ok, ko) => {
      const r = indexedDB.open('readout', 99);
      r.onupgradeneeded = () => r.result.deleteObjectStore('kv');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    db.close();
  });
  await page.reload();
  await ready(page, problems);
  await page.getByTestId('notice').waitFor();
  assert.equal(await page.getByTestId('notice').getAttribute('data-notice'), 'stored-unreadable');
  await page.screenshot({ path: `${SHOTS}/store-damaged.png` });
  await page.reload();
  const fresh = await ready(page, problems);
  assert.match(fresh, new RegExp(`^${SEED_MEETINGS} meetings\\b`), `a first visit again: ${fresh}`);
  assert.equal(await page.getByTestId('notice').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the build works from a sub-path, in dark mode and at phone width', async () => {
  const { page, problems } = await open(`${base.replace(/\/$/, '')}${NESTED_PREFIX}`, { colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 844 });
  await loadSamples(page, problems);
  await page.screenshot({ path: `${SHOTS}/phone-dark.png`, fullPage: true });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, 'rgb(246, 245, 241)', 'the dark palette applies');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at phone width (${overflow}px)`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('readout.html opened from file:// renders the sample timeline under its CSP', async () => {
  const file = resolve('dist/readout.html');
  assert.ok(existsSync(file), 'the build made dist/readout.html');
  const { page, problems, summary } = await open(pathToFileURL(file).href);
  assert.match(summary, new RegExp(`^${SEED_MEETINGS} meetings\\b`), summary);
  assert.equal(await page.locator('li.meeting-card').count(), SEED_MEETINGS);
  await page.screenshot({ path: `${SHOTS}/single-file.png` });
  const csp = await cspOf(page);
  assert.match(csp.policy ?? '', /default-src 'none'/, 'readout.html carries its CSP');
  assert.doesNotMatch(csp.policy, /'unsafe-inline'|'unsafe-eval'/, csp.policy);
  assert.deepEqual(csp.violations, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('no request left the page origin during the run', () => {
  const origin = new URL(base).origin;
  const outside = requests.filter(
    (u) => !(u.startsWith(origin + '/') || u.startsWith('blob:') || u.startsWith('data:') || u.startsWith('file://')),
  );
  assert.ok(requests.length > 0);
  assert.deepEqual(outside, []);
});
