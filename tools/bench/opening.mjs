// The pan-cancer page's opening, for one build or several timed alternately in one command
// (a change against the build before it, on the same machine under the same load): the
// navigation to the first explained patient on screen (the page's own clock, `onScreenAt`),
// and every main-thread task over 50 ms (PerformanceObserver 'longtask') up to the whole
// cohort's patient list, with its start, so that the start task and the first patient's
// render are told apart.
//
//   node tools/bench/opening.mjs [--runs 5] DIST [DIST ...]
//
// Each DIST is a built page (`trunk build --release`); each run opens a fresh browser
// profile (`chromium.mjs`).
import { loadavg } from 'node:os';
import { serveDist } from '../../tests/e2e/serve.mjs';
import { observeLongTasks, observeOnScreen, onScreenAt, withFreshPage } from './chromium.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const dists = args.filter((_, i) => runsAt < 0 || (i !== runsAt && i !== runsAt + 1));
if (dists.length === 0 || !(runs > 0)) {
  console.error('usage: node tools/bench/opening.mjs [--runs 5] DIST [DIST ...]');
  process.exit(2);
}
const TIMEOUT_MS = 120_000;
const VIEW = '[data-testid="patient-view"]';

/** One opening: when the first patient reached the screen, and the long tasks [start, ms]. */
function open(origin) {
  return withFreshPage(async (page) => {
    await observeLongTasks(page);
    await observeOnScreen(page, [VIEW]);
    await page.goto(origin);
    const first = await onScreenAt(page, VIEW, TIMEOUT_MS);
    await page.waitForFunction(
      () => /of 15,726 patients/.test(document.querySelector('nav.patients p.muted')?.textContent ?? ''),
      null, { timeout: TIMEOUT_MS, polling: 'raf' });
    const tasks = await page.evaluate(() => window.__longTasks);
    return { first, tasks };
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const servers = await Promise.all(dists.map((d) => serveDist(d)));
const results = dists.map(() => []);
const loads = [];
for (let r = 0; r < runs; r++) {
  loads.push(loadavg()[0]);
  for (let k = 0; k < dists.length; k++) results[k].push(await open(servers[k].origin));
}
for (const s of servers) await s.close();

console.log(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${runs} run(s) each, ` +
  `load average ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads, loadavg()[0]).toFixed(1)}\n`);
console.log('| build | first patient (median) | longest task up to it (median; all runs) | long tasks of each run [start ms, duration ms] |');
console.log('|---|---|---|---|');
for (let k = 0; k < dists.length; k++) {
  const longest = results[k].map((r) => Math.max(0, ...r.tasks.filter(([s]) => s <= r.first).map(([, d]) => d)));
  const tasks = results[k].map((r) => JSON.stringify(r.tasks.map(([s, d]) => [Math.round(s), Math.round(d)]))).join(' ');
  console.log(`| ${dists[k]} | ${(median(results[k].map((r) => r.first)) / 1000).toFixed(2)} s | ` +
    `${median(longest).toFixed(0)} ms (${longest.map((x) => x.toFixed(0)).join(', ')}) | ${tasks} |`);
}
