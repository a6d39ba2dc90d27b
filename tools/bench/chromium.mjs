// The benchmarks' Chromium: the end-to-end tests' flags plus unquantised heap sizes for
// performance.memory, and a page in a fresh profile that is deleted after use.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Chromium's flags for every benchmark. */
export const flags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-precise-memory-info',
];

/**
 * Runs `body(page, errors)` in a fresh Chromium profile (deleted after), with the page's
 * uncaught errors collected in `errors`.
 */
export async function withFreshPage(body) {
  const profile = await mkdtemp(join(tmpdir(), 'survlens-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: flags,
    viewport: { width: 1360, height: 1000 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    return await body(page, errors);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * Records every main-thread task over 50 ms of the pages `page` loads from now on, as
 * `window.__longTasks`: [start, duration] in ms (PerformanceObserver 'longtask').
 */
export function observeLongTasks(page) {
  return page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Records, in the pages `page` loads from now on, when each of `selectors` first reaches the
 * screen: the page's clock (ms from navigation start, as Largest Contentful Paint is
 * reported) once the first frame that holds it has been rendered (the animation frame after
 * it entered the document, then the task after that frame's paint).
 *
 * Timing the driver's `waitForSelector` instead would add the driver's polling, whose interval
 * grows to hundreds of milliseconds a second into a wait.
 */
export function observeOnScreen(page, selectors) {
  return page.addInitScript((wanted) => {
    const seen = {};
    window.__onScreen = seen;
    const check = () => {
      for (const s of wanted) {
        if (s in seen || !document.querySelector(s)) continue;
        seen[s] = null;
        requestAnimationFrame(() => {
          const after = new MessageChannel();
          after.port1.onmessage = () => { seen[s] = performance.now(); };
          after.port2.postMessage(0);
        });
      }
      if (wanted.every((s) => s in seen)) observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  }, selectors);
}

/** Waits for `selector` and returns when it first reached the screen (`observeOnScreen`). */
export async function onScreenAt(page, selector, timeout) {
  await page.waitForSelector(selector, { timeout });
  const at = await page.waitForFunction((s) => window.__onScreen?.[s], selector, { timeout, polling: 'raf' });
  return at.jsonValue();
}
