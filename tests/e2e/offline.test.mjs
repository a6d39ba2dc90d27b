// Offline after the first visit: the service worker keeps exactly this build's files, the page
// opens and explains its default cohort with the network switched off, and a new build of
// the page replaces the cached one on the next visit, its predecessor's cache deleted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  serveDist, launch, openPage, reloadPage, screenshot, waitForPatientView, colouredPixels, dist,
  root,
} from './harness.mjs';

let server;
let browser;
let newer;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (newer) await rm(newer, { recursive: true, force: true });
});

/** The build a service worker script carries: its cache version and its files' hashes. */
async function buildOf(dir) {
  const source = await readFile(join(dir, 'sw.js'), 'utf8');
  const json = source.slice(source.indexOf('const BUILD = ') + 'const BUILD = '.length);
  return JSON.parse(json.slice(0, json.indexOf(';\n')));
}

/** Every cache of the page's origin with the paths it holds, sorted. */
const cachesOf = (page) => page.evaluate(async () => {
  const all = {};
  for (const name of await caches.keys()) {
    const keys = await (await caches.open(name)).keys();
    all[name] = keys.map((r) => new URL(r.url).pathname).sort();
  }
  return all;
});

/** What the patient view shows of its first patient, and how long the page took to show it. */
async function explained(page) {
  await waitForPatientView(page);
  return {
    cohort: (await page.textContent('[data-testid="current-cohort"]')).trim(),
    patients: (await page.textContent('nav.patients p.muted')).trim(),
    patient: await page.getAttribute('[data-testid="patient-view"]', 'data-patient-id'),
    risk: Number(await page.getAttribute('[data-testid="risk-score"]', 'data-value')),
    bars: await colouredPixels(page, 'contribution-chart'),
    openedMs: Math.round(await page.evaluate(() => performance.now())),
  };
}

test('after one visit the page opens offline, its default cohort explained, from the cache of its own files', async () => {
  // When the whole cohort reached the page (its patient list), by the wall clock the
  // requests are timed by.
  await browser.context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const list = document.querySelector('nav.patients p.muted')?.textContent ?? '';
      if (/of 15,726 patients/.test(list)) {
        window.__cohortListedAt = Date.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const first = await openPage(browser.context, server.origin);
  const { page } = first;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const online = await explained(page);

  // The service worker's download of the build waits for the end of the opening: it never
  // competes with the first patient's explanation.
  const listedAt = await page.evaluate(() => window.__cohortListedAt);
  const bySw = first.requests.filter((r) => r.byServiceWorker);
  assert.ok(bySw.length > 0, 'the service worker fetched the build');
  const early = bySw.filter((r) => r.time < listedAt).map((r) => r.url);
  assert.deepEqual(early, [], 'service worker requests before the whole cohort was on screen');

  // The cache holds this build's files and nothing else: every file of dist/ but the
  // service worker's script, under the version its script names.
  const build = await buildOf(dist);
  const files = (await readdir(dist, { recursive: true })).filter((f) => f !== 'sw.js').sort();
  assert.deepEqual(build.files.map((f) => f.path), files);
  assert.deepEqual(await cachesOf(page), { [`survlens-${build.version}`]: files.map((f) => `/${f}`) });

  // Installable: Chromium finds nothing missing (manifest, icons, a fetch handler)...
  const cdp = await browser.context.newCDPSession(page);
  assert.deepEqual(await cdp.send('Page.getInstallabilityErrors'), { installabilityErrors: [] });
  await cdp.detach();
  // ...and the installed window takes the page's colours: the stylesheet's background and
  // the masthead's panel.
  const manifest = JSON.parse(await readFile(join(dist, 'manifest.webmanifest'), 'utf8'));
  const css = await readFile(join(root, 'web', 'style.css'), 'utf8');
  const colour = (name) => css.match(new RegExp(`--${name}: (#[0-9a-f]{6})`))[1];
  assert.equal(manifest.background_color, colour('bg'));
  assert.equal(manifest.theme_color, colour('panel'));
  assert.equal(await page.getAttribute('meta[name="theme-color"]', 'content'), colour('panel'));

  await browser.context.setOffline(true);
  const responses = [];
  const failed = [];
  const onResponse = (r) => responses.push(r);
  const onFailed = (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`);
  browser.context.on('response', onResponse);
  browser.context.on('requestfailed', onFailed);
  const second = await reloadPage(browser.context, page);
  const offline = await explained(page);
  await screenshot(page, 'offline-reload');
  browser.context.off('response', onResponse);
  browser.context.off('requestfailed', onFailed);
  await browser.context.setOffline(false);

  // Nothing reached the network and everything the page loaded came from the cache.
  assert.deepEqual(failed, []);
  const own = responses.filter((r) => r.url().startsWith(server.origin));
  assert.ok(own.length >= 5, `the page loaded its files (${own.length} responses)`);
  assert.deepEqual(own.filter((r) => !r.fromServiceWorker()).map((r) => r.url()), []);
  // The same cohort, the same first patient, the same risk as online: the page ran.
  assert.match(offline.cohort, /pan-cancer/);
  assert.match(offline.patients, /of 15,726 patients/);
  assert.equal(offline.patient, online.patient);
  assert.equal(offline.risk, online.risk);
  assert.ok(offline.bars > 500, `the waterfall shows its bars offline (${offline.bars} pixels)`);
  console.log(`first patient explained ${online.openedMs} ms after navigation on the first visit, `
    + `${offline.openedMs} ms offline from the cache`);
  assert.deepEqual([...first.errors, ...second.errors], []);
});

test('a new build replaces the cached one on the next visit and its predecessor\'s cache is deleted', async () => {
  // The next build: the unhashed worker script changed (as a rebuilt worker would) and the
  // page marked, then the service worker generated again as the build's hook does.
  newer = await mkdtemp(join(tmpdir(), 'survlens-next-build-'));
  await cp(dist, newer, { recursive: true });
  const marker = '\n// the next build\n';
  await writeFile(join(newer, 'worker.js'), (await readFile(join(newer, 'worker.js'), 'utf8')) + marker);
  const index = await readFile(join(newer, 'index.html'), 'utf8');
  await writeFile(join(newer, 'index.html'),
    index.replace('<title>', '<meta name="survlens-build" content="next">\n  <title>'));
  execFileSync('node', [join(root, 'tools', 'offline', 'service-worker.mjs'), newer]);
  const old = await buildOf(dist);
  const next = await buildOf(newer);
  assert.notEqual(next.version, old.version, 'a changed worker script gives a new cache');

  const page = browser.context.pages()[0];
  const nextBuild = () => page.$('meta[name="survlens-build"]').then((m) => m !== null);
  assert.deepEqual(Object.keys(await cachesOf(page)), [`survlens-${old.version}`]);
  server.use(newer);
  try {
    // The visit after the deployment still opens the cached build, whole (never the new
    // worker script with the old page), while the browser finds and installs the new one.
    const visit = await reloadPage(browser.context, page);
    assert.equal(await nextBuild(), false);
    // Polled from here: a page function that returns a promise would count as true at once.
    const waiting = () => page.evaluate(async () =>
      (await navigator.serviceWorker.getRegistration())?.waiting != null);
    for (const until = Date.now() + 60_000; !(await waiting());) {
      assert.ok(Date.now() < until, 'the new build is installed within a minute');
      await page.waitForTimeout(250);
    }

    // The next visit opens the new build, and only its files are kept.
    const nextVisit = await reloadPage(browser.context, page);
    assert.equal(await nextBuild(), true);
    const opened = await explained(page);
    assert.match(opened.cohort, /pan-cancer/);
    assert.ok(opened.bars > 500, `the waterfall shows its bars (${opened.bars} pixels)`);
    assert.deepEqual(Object.keys(await cachesOf(page)), [`survlens-${next.version}`]);
    const worker = await page.evaluate(async (name) =>
      (await (await caches.open(name)).match('/worker.js')).text(), `survlens-${next.version}`);
    assert.ok(worker.endsWith(marker), 'the cached worker script is the new build\'s');
    const controller = await page.evaluate(() => navigator.serviceWorker.controller?.state);
    assert.equal(controller, 'activated');
    assert.deepEqual([...visit.errors, ...nextVisit.errors], []);
  } finally {
    server.use(dist);
  }
});
