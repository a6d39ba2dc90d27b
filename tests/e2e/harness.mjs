// Shared set-up for the end-to-end tests: a static server for dist/ on 127.0.0.1 (serve.mjs),
// Debian's Chromium driven by playwright-core, and a record of every request and console
// error, checked for privacy when a test file's tests are over.
import { before, after } from 'node:test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

import { root, dist, artifacts, serveDist, screenshot } from './serve.mjs';

export { root, dist, artifacts, serveDist, screenshot };

const chromiumFlags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * The page's address suffix that opens the 600-patient teaching cohort (trained in the page)
 * instead of the default model's 15,726-patient cohort: the views' tests use the small one.
 */
export const TEACHING = '/?cohort=teaching';

/**
 * Launches Debian's Chromium with a fresh profile directory; `locale` (a BCP 47 tag) sets
 * the browser's preferred language (`navigator.languages`, Accept-Language).
 */
export async function launch({ locale } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'survlens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1360, height: 1000 },
    ...(locale ? { locale } : {}),
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Every page opened by this test file, checked for privacy when its tests are over. */
const sessions = [];

/** The request's origin: blob: URLs name in-memory objects of the page itself. */
const hostOf = (url) => new URL(url.startsWith('blob:') ? url.slice(5) : url).host;
/** Requests that can reach a network: not data: or blob: (objects in the tab's memory). */
const network = (r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:');

/**
 * Opens a page that records its requests (including its workers' and its service worker's)
 * and console errors, and waits until it shows its first explained patient and its service
 * worker is active (this build's files are in its cache): the end of its initial load,
 * after which it must make no request at all. Every test file's pages are held to that, and
 * to asking nothing of any host but their own, when the file's tests are over, whatever the
 * tests did with them (the privacy promise of the page, checked across every flow).
 */
export async function openPage(context, url, { whileLoading } = {}) {
  const page = context.pages()[0] ?? (await context.newPage());
  return visit(context, page, url, () => page.goto(url), whileLoading);
}

/** Loads `page` again, as its reload button would, recorded and awaited like `openPage`. */
export async function reloadPage(context, page) {
  return visit(context, page, page.url(), () => page.reload());
}

/** `whileLoading(page)`, when given, runs once the navigation is done, before the wait for the
 * explained cohort: what the page shows on its way there. */
async function visit(context, page, url, load, whileLoading) {
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push({
    url: r.url(), method: r.method(), time: Date.now(), byServiceWorker: r.serviceWorker() !== null,
  }));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // A page opened again in the same tab ends its previous visit's record.
  for (const earlier of sessions) if (earlier.page === page) earlier.endedAt ??= Date.now();
  await load();
  if (whileLoading) await whileLoading(page);
  await waitForPatientView(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const session = { page, requests, errors, url, loadedAt: Date.now() };
  sessions.push(session);
  return session;
}

/**
 * The page's requests to other hosts, and its network requests after its initial load.
 * The one request allowed later is the service worker's own fetch of a newer build of the
 * page (the browser checks sw.js now and then, and a changed one fetches its files): a GET
 * of a file of the page's own origin, without a query, made by the service worker, which
 * holds nothing of what the page computes.
 */
export function privacyBreaches(session) {
  const own = new URL(session.url).host;
  const newerBuild = (r) => r.byServiceWorker && r.method === 'GET' && hostOf(r.url) === own
    && new URL(r.url).search === '';
  return {
    foreign: session.requests.filter((r) => !r.url.startsWith('data:') && hostOf(r.url) !== own)
      .map((r) => r.url),
    late: session.requests
      .filter((r) => network(r) && r.time > session.loadedAt && !(r.time >= session.endedAt))
      .filter((r) => !newerBuild(r))
      .map((r) => r.url),
  };
}

after(() => {
  for (const session of sessions) {
    assert.deepEqual(privacyBreaches(session), { foreign: [], late: [] },
      `page ${session.url}: no request to another host, none after its initial load`);
  }
});

/** Waits until the demo has trained and the patient view shows. */
export async function waitForPatientView(page, timeout = 180_000) {
  await page.waitForSelector('[data-testid="patient-view"]', { timeout });
  // The patient list comes from the worker as well, a page of rows at a time.
  await page.waitForSelector('nav.patients p.muted', { timeout });
}

/**
 * Starts the static server and the browser before a test file's tests and stops them after;
 * returns an object whose `server` and `browser` are set once the tests run.
 */
export function withBrowser() {
  const env = {};
  before(async () => {
    env.server = await serveDist();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** How long a training job in the page may take before a test gives up, ms. */
export const TRAINING = 240_000;

/**
 * One page for a whole test file: the server, the browser and a page opened on `path`
 * (showing a patient, its opening job finished) before the file's tests, all closed after
 * them. `opened({ page, errors })` receives the page and its console errors. One `before`
 * hook does it all: node's test runner starts a file's `before` hooks without waiting for
 * the one before.
 */
export function withOpenedPage(path, opened) {
  const env = {};
  before(async () => {
    env.server = await serveDist();
    env.browser = await launch();
    const { page, errors } = await openPage(env.browser.context, env.server.origin + path);
    // The opening job may not have started when the page loads: wait for its result first.
    await waitForPatientView(page, TRAINING);
    await page.waitForSelector('[data-testid="job"]', { state: 'detached', timeout: TRAINING });
    opened({ page, errors });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
}

/** Pixels of canvas `testid` whose channels spread by more than `spread` (coloured marks). */
export async function colouredPixels(page, testid, spread = 40) {
  return page.$eval(`[data-testid="${testid}"]`, (c, s) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const hi = Math.max(data[i], data[i + 1], data[i + 2]);
      const lo = Math.min(data[i], data[i + 1], data[i + 2]);
      if (hi - lo > s) n += 1;
    }
    return n;
  }, spread);
}

/** Waits until canvas `testid` shows more than `min` pixels spread by more than `spread`. */
export async function waitForColour(page, testid, min = 300, spread = 60) {
  await page.waitForFunction(([id, least, s]) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    if (!c || !c.width) return false;
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const hi = Math.max(data[i], data[i + 1], data[i + 2]);
      const lo = Math.min(data[i], data[i + 1], data[i + 2]);
      if (hi - lo > s) n += 1;
    }
    return n > least;
  }, [testid, min, spread], { timeout: 20_000 });
}

/** Waits until canvas `testid` has been given a size (its chart has been drawn). */
export async function waitForCanvas(page, testid) {
  await page.waitForFunction((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    return c && c.width > 0 && c.height > 0;
  }, testid);
}

/** WCAG 2.1 A and AA, the level the issue of accessibility in the clinic asks for. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.1 A/AA violations on the page as it is now (inside the element
 * `within` selects, if given), one line each with up to five of the elements.
 */
export async function axeViolations(page, within = null) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // The page's content security policy allows its own scripts only: the engine is added
    // through the driver, as a browser extension would.
    await page.addScriptTag({ content: await axeSource });
  }
  const found = await page.evaluate(
    ([sel, tags]) => window.axe.run(sel ? document.querySelector(sel) : document, { runOnly: { type: 'tag', values: tags } })
      .then((r) => r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
        count: v.nodes.length,
      }))),
    [within, WCAG_TAGS],
  );
  return found.map((v) => `${v.id} (${v.impact}, ${v.count} elements): ${v.help}\n    ${v.nodes.join('\n    ')}`);
}

/**
 * Waits until a view's computations have answered (no "computing" placeholder left in it),
 * for at most `patience` ms: a search still running is checked as it shows.
 */
export async function settled(page, testid, patience) {
  await page.waitForSelector(`[data-testid="${testid}"]`);
  await page.waitForFunction(
    (id) => document.querySelectorAll(
      `[data-testid="${id}"] .computing, [data-testid="${id}"] [aria-busy="true"]`).length === 0,
    testid,
    { timeout: patience },
  ).catch(() => {});
}

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), '
  + 'select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * A keyboard-only walk through `views` (pairs of the navigation link's label and the view's
 * test id): each view's link is reached with Tab and followed with Enter, then every control
 * of the view is reached with Tab and must show where focus is. Returns what failed.
 */
export async function keyboardWalk(page, views) {
  /** Presses Tab until `done` holds for the focused element; the presses it took. */
  const tabUntil = async (done, arg, most = 600) => {
    for (let k = 1; k <= most; k += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(done, arg)) return k;
    }
    throw new Error(`no focused element matched after ${most} presses of Tab`);
  };
  const problems = [];
  for (const [label, testid] of views) {
    // The view's link in the navigation, reached and followed with the keyboard alone.
    await tabUntil((text) => {
      const el = document.activeElement;
      return el?.matches('nav.views a') && el.textContent.trim() === text;
    }, label);
    await page.keyboard.press('Enter');
    await settled(page, testid, 60_000);
    // Every control of the view, in tab order: each is reached, and shows where focus is.
    // A group of radio buttons is one stop of the tab order (its checked button; the arrow
    // keys move within it), as the HTML and ARIA practices define it.
    // A control inside a closed disclosure (a chart's "numbers as a table") is not shown
    // and not in the tab order until it is opened, though Chromium still gives it a box.
    const expected = await page.$$eval(`[data-testid="${testid}"] :is(${TABBABLE})`, (els) =>
      els.filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
        .filter((el) => el.closest('summary') || !el.closest('details:not([open])'))
        .filter((el) => el.type !== 'radio' || el.checked
          || !document.querySelector(`input[type="radio"][name="${el.name}"]:checked`))
        .length);
    const seen = new Set();
    for (let k = 0; k < expected + 400 && seen.size < expected; k += 1) {
      await page.keyboard.press('Tab');
      const here = await page.evaluate((id) => {
        const el = document.activeElement;
        if (!el || !el.closest(`[data-testid="${id}"]`)) return null;
        const style = getComputedStyle(el);
        const marked = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
          || style.boxShadow !== 'none';
        const path = [];
        for (let e = el; e && e !== document.body; e = e.parentElement) {
          path.unshift(`${e.tagName}:${[...(e.parentElement?.children ?? [])].indexOf(e)}`);
        }
        return { path: path.join('/'), marked, name: el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 40) };
      }, testid);
      if (here && !seen.has(here.path)) {
        seen.add(here.path);
        if (!here.marked) {
          problems.push(`${label}: "${here.name}" takes focus without a visible outline`);
        }
      }
    }
    if (seen.size < expected) {
      problems.push(`${label}: ${seen.size} of ${expected} controls reached with Tab`);
    }
  }
  return problems;
}
