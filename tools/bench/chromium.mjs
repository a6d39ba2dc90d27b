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
