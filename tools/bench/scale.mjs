// A large synthetic pan-cancer cohort in headless Chromium: the page opened on
// `?patients=N` (default 100,000 new patients x 349 markers, explained by the default model
// in the worker, chunk by chunk), then every view rendered. Reports the time to each
// milestone, the worker's progress reports, the main thread's longest tasks, the page's
// JavaScript heap and the peak resident memory of Chromium's processes (the page's renderer
// holds the page and its worker, WebAssembly memory included), sampled every 250 ms from
// the blank tab to the last view rendered. A screenshot of each view (tests/e2e/artifacts)
// is taken after that, walking the views again.
//
//   node tools/bench/scale.mjs [--patients 100000]
//
// Serves dist/ (or SURVLENS_DIST) like the end-to-end tests; build it first with
// `trunk build --release`. Exits non-zero if the tab crashes or a view does not render.
import { performance as clock } from 'node:perf_hooks';
import { mkdtemp, rm, readFile, readdir } from 'node:fs/promises';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, screenshot } from '../../tests/e2e/serve.mjs';
import { flags, observeOnScreen, onScreenAt } from './chromium.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const patients = arg('patients', 100_000);
const TIMEOUT_MS = 1_800_000;

/**
 * Memory (MiB) of the Chromium started with `profile` and its descendants: the sum of their
 * resident sets (RSS, which counts a page shared by several processes once in each: the
 * browser's libraries, the zygote's copy-on-write pages) and the sum of their proportional
 * sets (PSS, `/proc/PID/smaps_rollup`: a shared page split between its sharers, so the sum
 * is what the processes take together); the largest renderer's RSS holds the page and its
 * worker.
 */
async function chromiumRss(profile) {
  const procs = new Map();
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      procs.set(pid, {
        cmd,
        ppid: status.match(/PPid:\s+(\d+)/)?.[1],
        mib: Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024,
      });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const ours = new Set([...procs].filter(([, p]) => p.cmd.includes(profile)).map(([pid]) => pid));
  for (let grown = true; grown;) {
    grown = false;
    for (const [pid, p] of procs) {
      if (!ours.has(pid) && ours.has(p.ppid)) { ours.add(pid); grown = true; }
    }
  }
  let total = 0;
  let proportional = 0;
  let renderer = 0;
  for (const pid of ours) {
    const p = procs.get(pid);
    total += p.mib;
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    proportional += Number(rollup.match(/Pss:\s+(\d+)/)?.[1] ?? 0) / 1024;
    if (p.cmd.includes('--type=renderer')) renderer = Math.max(renderer, p.mib);
  }
  return { total, proportional, renderer };
}

const profile = await mkdtemp(join(tmpdir(), 'survlens-scale-chromium-'));
const server = await serveDist();
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, args: flags,
  viewport: { width: 1360, height: 1000 },
});
const peak = { total: 0, proportional: 0, renderer: 0 };
const sampler = setInterval(async () => {
  const now = await chromiumRss(profile);
  peak.total = Math.max(peak.total, now.total);
  peak.proportional = Math.max(peak.proportional, now.proportional);
  peak.renderer = Math.max(peak.renderer, now.renderer);
}, 250);
const milestones = [];
const stages = [];
let crashed = false;
let failure = null;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('crash', () => { crashed = true; });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    // The main thread's long tasks (over 50 ms), for the whole visit.
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await observeOnScreen(page, ['[data-testid="patient-view"]']);
  // What Chromium holds before the page: its own processes with a blank tab.
  const blank = await chromiumRss(profile);
  const t0 = clock.now();
  const mark = (what) => {
    milestones.push([what, clock.now() - t0]);
    process.stderr.write(`${what}: ${((clock.now() - t0) / 1000).toFixed(1)} s\n`);
  };
  await page.goto(`${server.origin}/?patients=${patients}`);
  // Record the worker's progress as the job panel shows it.
  const watch = setInterval(async () => {
    const s = await page.textContent('[data-testid="job"] strong').catch(() => null);
    if (s && stages.at(-1)?.[0] !== s) {
      const at = clock.now() - t0;
      const rss = await chromiumRss(profile);
      stages.push([s, at, rss.renderer, rss.total, rss.proportional]);
    }
  }, 200);
  try {
    // The page's clock (navigation start) as the other benchmarks read it.
    const first = await onScreenAt(page, '[data-testid="patient-view"]', TIMEOUT_MS);
    milestones.push(['first explained patient on screen (explained alone), page clock', first]);
    process.stderr.write(`first patient on screen: ${(first / 1000).toFixed(1)} s (page clock)\n`);
    await page.waitForSelector('nav.patients p.muted', { timeout: TIMEOUT_MS });
    mark('whole cohort explained (the patient list shown)');
    const listed = await page.textContent('nav.patients p.muted');
    if (!listed.includes(`of ${patients.toLocaleString('en-US')} patients`)) throw new Error(`patient list says "${listed}"`);
    await page.waitForSelector('[data-testid="job"]', { state: 'detached', timeout: TIMEOUT_MS });
    mark('interactions found (job over)');
  } finally {
    clearInterval(watch);
  }
  const views = [
    ['Cohort', '[data-testid="cohort-view"]'],
    ['Markers', '[data-testid="markers-view"]'],
    ['Interactions', '[data-testid="interactions-view"]'],
    ['Model', '[data-testid="metric-harrell"]'],
    ['Teaching', '[data-testid="teaching-patient"]'],
    ['Patient', '[data-testid="patient-view"]'],
  ];
  for (const [nav, selector] of views) {
    await page.click(`nav.views >> text=${nav}`);
    await page.waitForSelector(selector, { timeout: TIMEOUT_MS });
    mark(`${nav} view rendered`);
  }
  const heap = await page.evaluate(() => performance.memory.usedJSHeapSize / 2 ** 20);
  const longTasks = await page.evaluate(() => window.__longTasks);
  // The views' screenshots come after the memory is read: a full-page screenshot rasters
  // the whole page in Chromium's other processes, memory of this script's, not the page's.
  clearInterval(sampler);
  for (const [nav, selector] of views) {
    await page.click(`nav.views >> text=${nav}`);
    await page.waitForSelector(selector, { timeout: TIMEOUT_MS });
    await screenshot(page, `scale-${nav.toLowerCase()}`);
  }
  milestones.push(['main-thread JS heap at the end (MiB)', heap]);
  const longest = longTasks.length ? Math.max(...longTasks) : 0;
  milestones.push([`main-thread tasks over 50 ms: ${longTasks.length}, longest (ms)`, longest]);
  milestones.push(['Chromium with a blank tab, before the page: RSS summed over its processes (MiB)', blank.total]);
  milestones.push(['Chromium with a blank tab, before the page: PSS summed over its processes (MiB)', blank.proportional]);
  if (errors.length) failure = `page errors: ${errors.join(' | ')}`;
} catch (e) {
  failure = crashed ? 'the tab crashed' : e.message.split('\n')[0];
} finally {
  clearInterval(sampler);
  await context.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}

console.log(`\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, `
  + `Chromium headless, ${patients.toLocaleString('en')} synthetic patients, `
  + `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('\n| milestone | value |');
console.log('|---|---|');
for (const [what, v] of milestones) {
  console.log(`| ${what} | ${/MiB|ms\)/.test(what) ? v.toFixed(1) : `${(v / 1000).toFixed(1)} s`} |`);
}
console.log(`| peak resident memory, page renderer (page + worker) | ${peak.renderer.toFixed(0)} MiB |`);
console.log(`| peak resident memory, all Chromium processes (RSS summed) | ${peak.total.toFixed(0)} MiB |`);
console.log(`| peak proportional memory, all Chromium processes (PSS summed) | ${peak.proportional.toFixed(0)} MiB |`);
console.log('\nWorker stages as shown, with the memory then: renderer RSS / all processes RSS / all processes PSS:');
for (const [s, t, renderer, total, proportional] of stages) {
  console.log(`  ${(t / 1000).toFixed(1)} s  ${renderer.toFixed(0)} / ${total.toFixed(0)} / ${proportional.toFixed(0)} MiB  ${s}`);
}
if (failure) {
  console.log(`\nFAILED: ${failure}`);
  process.exitCode = 1;
}
