// The page's speed in headless Chromium (the WebAssembly build as users get it), as a table:
//   - the page's opening: from navigation start to the first explained patient on screen,
//     by the page's own clock (`onScreenAt` in chromium.mjs) (the cohort's first patient, drawn and explained alone by the default model in the
//     page's worker), and to the whole cohort explained (15,726 synthetic pan-cancer
//     patients generated, encoded, predicted and explained, no training);
//   - the teaching cohort (`?cohort=teaching`): navigation to first explained patient,
//     including training the study's network in the worker, and the main thread's long tasks
//     (over 50 ms, PerformanceObserver 'longtask') while it trains: the page must not freeze;
//   - the longest main-thread task while the pan-cancer page opens (navigation to its whole
//     cohort explained);
//   - what-if: the page's own edit-to-screen time (`data-update-ms` on the patient view: the
//     request to the worker, its recompute, the answer, DOM and both canvases) and the
//     worker's recompute alone (`data-recompute-ms`: encode, forward, LRP and the patient's
//     report), as the median over several edits of a number (a new value each time), on
//     both cohorts;
//   - one patient's other explanations in the pan-cancer page, as the worker times them
//     (`data-report-ms` on the patient view, `data-ms` on the section): relative to the
//     typical patient of the cohort (the report with DeepLIFT from the reference; the
//     first includes building the reference, the median over the next patients does not),
//     the ceteris-paribus profile along the top marker, and the explanation over time
//     (SurvSHAP(t) against 32 reference patients, 16 orderings);
//   - `performance.memory.usedJSHeapSize` of the page after each load (the main thread's
//     JavaScript heap, with precise memory info; the worker's heap and wasm memory are not
//     in it).
//
//   node tools/bench/browser.mjs [--runs 1] [--edits 9]
//
// With `--pool 1,2` it times instead the pool of workers, each size back to back in the same
// command (`?pool=N` in the address: N workers in all, the job worker included): the LRP of
// the whole pan-cancer cohort (the job panel's "Explaining every patient" stage), from its
// start to the patient list of 15,726 (the linear and spline baselines' fit included), navigation to the
// whole cohort, and the interaction search (from the whole cohort to the job's end); then
// a message round trip carrying the study's network's gradients, what data-parallel
// training would pay per mini-batch. With `--pool 1,2 --train teaching,rotterdam` it times
// instead the `auto` recipe's training of each bundled cohort named (`?cohort=K&pool=N`), whose
// ensemble members the pool trains side by side: the training stage (from the job panel's
// first "Training" line to its last) and navigation to the cohort's first explained patient.
//
// Serves dist/ (or SURVLENS_DIST) like the end-to-end tests; build it first with
// `trunk build --release`. Each run opens a fresh browser profile, so nothing is cached.
import { performance as clock } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { serveDist } from '../../tests/e2e/serve.mjs';
import { observeLongTasks, observeOnScreen, onScreenAt, withFreshPage } from './chromium.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 1);
const poolIndex = process.argv.indexOf('--pool');
const pools = poolIndex > 0 ? process.argv[poolIndex + 1].split(',').map(Number) : null;
// With `--pool`, `--no-search` stops each run once the cohort is shown, without waiting for
// the interaction search (a few minutes per run on two cores).
const waitForSearch = !process.argv.includes('--no-search');
const trainIndex = process.argv.indexOf('--train');
const trainCohorts = trainIndex > 0 ? process.argv[trainIndex + 1].split(',') : null;
const edits = arg('edits', 9);
const LOAD_TIMEOUT_MS = 600_000;


const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const view = '[data-testid="patient-view"]';
const heapMb = (page) => page.evaluate(() => performance.memory.usedJSHeapSize / 2 ** 20);

/** Edits the first what-if field `edits` times and returns the page's recorded times (ms). */
async function whatIf(page) {
  try {
    return await whatIfEdits(page);
  } catch (e) {
    process.stderr.write(`what-if not measured: ${e.message.split('\n')[0]}\n`);
    return { update: NaN, recompute: NaN, n: 0 };
  }
}

async function whatIfEdits(page) {
  const update = [];
  const recompute = [];
  const form = page.locator('[data-testid="whatif-form"]');
  // Every edit makes a new scenario that the worker computes (an answer the page already
  // holds would be shown without asking): a numeric input gets a new value each time; on a
  // cohort whose first fields are all choices (pan-cancer: treatments first), each edit
  // changes one more of them.
  const numbers = form.locator('input[type="number"]');
  const selects = form.locator('select');
  const numeric = (await numbers.count()) > 0;
  const recorded = numeric ? Number(await numbers.first().inputValue()) || 1 : 0;
  const choices = numeric ? 0 : await selects.count();
  for (let i = 0; i < (numeric ? edits : Math.min(edits, choices)); i++) {
    const before = await page.getAttribute(view, 'data-update-ms');
    if (numeric) {
      await numbers.first().fill(String(Math.round(recorded * (1.5 + 0.01 * i) * 100) / 100));
    } else {
      const select = selects.nth(i);
      const current = await select.inputValue();
      const other = (await select.locator('option').evaluateAll((os) => os.map((o) => o.value)))
        .find((v) => v !== '' && v !== current);
      if (other === undefined) continue;
      await select.selectOption(other);
    }
    await page.waitForSelector(`${view}[data-whatif="on"]`, { timeout: 10_000 });
    try {
      await page.waitForFunction(
        ([sel, old]) => document.querySelector(sel)?.getAttribute('data-update-ms') !== old,
        [view, before], { timeout: 10_000 });
    } catch {
      continue; // No new figure for this edit.
    }
    update.push(Number(await page.getAttribute(view, 'data-update-ms')));
    recompute.push(Number(await page.getAttribute(view, 'data-recompute-ms')));
  }
  await page.click('[data-testid="whatif-reset"]').catch(() => {});
  return { update: median(update), recompute: median(recompute), n: update.length };
}

/** The worker's time for the report of each of the next `n` patients of the list (ms). */
async function nextPatients(page, n) {
  const times = [];
  const rows = page.locator('nav.patients tbody tr');
  for (let i = 1; i <= n; i++) {
    const id = await rows.nth(i).getAttribute('data-patient');
    await rows.nth(i).click();
    await page.waitForSelector(`${view}[data-patient-id="${id}"]`, { timeout: 30_000 });
    times.push(Number(await page.getAttribute(view, 'data-report-ms')));
  }
  return times;
}

/**
 * The explanation relative to the cohort's typical patient (first patient, then the next
 * ones) and the profile along the top marker, as the worker times them.
 */
async function explanations(page) {
  try {
    const alongMs = async () => {
      await page.waitForSelector('[data-testid="along-profile"]', { timeout: 60_000 });
      return Number(await page.getAttribute('[data-testid="along-profile"]', 'data-ms'));
    };
    const profile = [await alongMs()];
    const study = await nextPatients(page, 3);
    profile.push(await alongMs());
    await page.check('#explanation-cohort');
    await page.waitForSelector('[data-testid="typical-row"]', { state: 'attached', timeout: 30_000 });
    const firstTypical = Number(await page.getAttribute(view, 'data-report-ms'));
    const typical = await nextPatients(page, 5);
    await page.check('#explanation-study').catch(() => {});
    await page.click('[data-testid="over-time-toggle"]');
    await page.waitForSelector('[data-testid="over-time-result"]', { timeout: 120_000 });
    const overTime = Number(await page.getAttribute('[data-testid="over-time-result"]', 'data-ms'));
    return { study: median(study), firstTypical, typical: median(typical), profile: median(profile), overTime };
  } catch (e) {
    process.stderr.write(`explanations not measured: ${e.message.split('\n')[0]}\n`);
    return { study: NaN, firstTypical: NaN, typical: NaN, profile: NaN, overTime: NaN };
  }
}

async function run(origin) {
  return withFreshPage(async (page, errors) => {
    await observeLongTasks(page);
    await observeOnScreen(page, [view]);

    await page.goto(origin);
    // The first patient is on screen (explained alone, before the cohort is drawn), then the
    // whole cohort is explained (the patient list appears).
    const firstMs = await onScreenAt(page, view, LOAD_TIMEOUT_MS);
    await page.waitForFunction(
      () => document.querySelector('nav.patients p.muted')?.textContent.includes('of 15,726 patients'),
      null, { timeout: LOAD_TIMEOUT_MS, polling: 'raf' });
    // The page's clock, as for the first patient (the check above polls every frame).
    const panMs = await page.evaluate(() => performance.now());
    // The main thread's long tasks while the page opened, up to its whole cohort.
    const openingTasks = await page.evaluate(() => window.__longTasks.map(([, d]) => d));
    const patients = await page.textContent('nav.patients p.muted').catch(() => '');
    const panHeap = await heapMb(page);
    const panWhatIf = await whatIf(page);
    const panExplain = await explanations(page);

    await page.goto(`${origin}/?cohort=teaching`);
    // Training has begun once the job panel names its training stage (the auto recipe's
    // setting, fold and step).
    await page.waitForFunction(
      () => /^Training/.test(document.querySelector('[data-testid="job"] .job-head strong')?.textContent ?? ''),
      null, { timeout: LOAD_TIMEOUT_MS, polling: 'raf' });
    const trainingFrom = await page.evaluate(() => performance.now());
    const demoMs = await onScreenAt(page, view, LOAD_TIMEOUT_MS);
    // The main thread's long tasks while the worker trains, up to the explained cohort's
    // arrival (its first render included).
    const trainingTasks = await page.evaluate((from) => window.__longTasks
      .filter(([start]) => start >= from).map(([, d]) => d), trainingFrom);
    const demoHeap = await heapMb(page);
    const demoWhatIf = await whatIf(page);
    return {
      demoMs, demoHeap, demoWhatIf, firstMs, panMs, panHeap, panWhatIf, panExplain, patients, trainingTasks,
      openingTasks, errors,
    };
  });
}

/** One page opening with `?pool=n`: the explaining, the whole cohort and the search (ms). */
async function poolRun(origin, n) {
  return withFreshPage(async (page, errors) => {
    const t0 = clock.now();
    await page.goto(`${origin}/?pool=${n}`);
    await page.waitForFunction(
      () => /^Explaining every patient/.test(document.querySelector('[data-testid="job"] .job-head strong')?.textContent ?? ''),
      null, { timeout: LOAD_TIMEOUT_MS, polling: 20 });
    const explainFrom = clock.now();
    // The explaining stage ends when the job moves on (to the baselines' fit or the preview).
    await page.waitForFunction(
      () => !/^Explaining every patient/.test(document.querySelector('[data-testid="job"] .job-head strong')?.textContent ?? ''),
      null, { timeout: LOAD_TIMEOUT_MS, polling: 20 });
    const lrpMs = clock.now() - explainFrom;
    await page.waitForFunction(
      () => document.querySelector('nav.patients p.muted')?.textContent.includes('of 15,726 patients'),
      null, { timeout: LOAD_TIMEOUT_MS, polling: 20 });
    const cohortAt = clock.now();
    if (waitForSearch) {
      await page.waitForSelector('[data-testid="job"]', { state: 'detached', timeout: 3 * LOAD_TIMEOUT_MS });
    }
    const searchEnd = waitForSearch ? clock.now() : NaN;
    // What data-parallel training would pay per mini-batch: a message round trip to a
    // worker and back carrying the study's network's gradients (350-3500-1: 1,232,001
    // floats) as a transferred Float32Array, median of 21 (an echo worker; no wasm copies).
    const roundTripMs = await page.evaluate(async () => {
      const source = 'onmessage = (e) => postMessage(e.data, [e.data.buffer]);';
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      let data = new Float32Array(1_232_001);
      const times = [];
      for (let i = 0; i < 21; i++) {
        const t = performance.now();
        data = await new Promise((resolve) => {
          worker.onmessage = (e) => resolve(e.data);
          worker.postMessage(data, [data.buffer]);
        });
        times.push(performance.now() - t);
      }
      worker.terminate();
      return times.sort((a, b) => a - b)[10];
    });
    return {
      roundTripMs,
      n, lrpMs, errors, explainMs: cohortAt - explainFrom, cohortMs: cohortAt - t0, searchMs: searchEnd - cohortAt,
    };
  });
}

/** One training of bundled cohort `cohort` with `?pool=n`: the training stage and navigation
 * to the first explained patient (ms). */
async function trainRun(origin, cohort, n) {
  return withFreshPage(async (page, errors) => {
    await observeOnScreen(page, [view]);
    await page.goto(`${origin}/?cohort=${cohort}&pool=${n}`);
    await page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector('[data-testid="job"] .job-head strong')?.textContent ?? ''),
      '^Training', { timeout: LOAD_TIMEOUT_MS, polling: 20 });
    const trainFrom = clock.now();
    await page.waitForFunction(
      (source) => !new RegExp(source).test(document.querySelector('[data-testid="job"] .job-head strong')?.textContent ?? ''),
      '^Training', { timeout: LOAD_TIMEOUT_MS, polling: 20 });
    const trainMs = clock.now() - trainFrom;
    const firstMs = await onScreenAt(page, view, LOAD_TIMEOUT_MS);
    return { cohort, n, trainMs, firstMs, errors };
  });
}

if (pools && trainCohorts) {
  const server = await serveDist();
  const rows = [];
  const loads = [loadavg()];
  try {
    for (let i = 0; i < runs; i++) {
      for (const cohort of trainCohorts) {
        for (const n of pools) {
          process.stderr.write(`${cohort}, pool=${n}, run ${i + 1}/${runs}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
          rows.push(await trainRun(server.origin, cohort, n));
        }
      }
    }
  } finally {
    await server.close();
  }
  loads.push(loadavg());
  const at = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, `
    + `Chromium headless, ${runs} run(s) per cohort and size, load average ${at(loads[0])} before, ${at(loads[1])} after`);
  console.log('\n| cohort (`?cohort=K`) | pool (`?pool=N`) | training stage (the `auto` recipe) | against one worker | navigation to the first explained patient |');
  console.log('|---|---|---|---|---|');
  const s = (x) => `${(x / 1000).toFixed(2)} s`;
  for (const cohort of trainCohorts) {
    const med = (n, f) => median(rows.filter((r) => r.cohort === cohort && r.n === n).map(f));
    const one = med(pools[0], (r) => r.trainMs);
    for (const n of pools) {
      const t = med(n, (r) => r.trainMs);
      console.log(`| ${cohort} | ${n} | ${s(t)} | ${(t / one).toFixed(2)}x | ${s(med(n, (r) => r.firstMs))} |`);
    }
  }
  for (const r of rows) if (r.errors.length) console.log(`${r.cohort}, pool=${r.n} page errors: ${r.errors.join(' | ')}`);
  process.exit(0);
}

if (pools) {
  const server = await serveDist();
  const rows = [];
  const loads = [loadavg()];
  try {
    for (let i = 0; i < runs; i++) {
      for (const n of pools) {
        process.stderr.write(`pool=${n}, run ${i + 1}/${runs}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
        rows.push(await poolRun(server.origin, n));
      }
    }
  } finally {
    await server.close();
  }
  loads.push(loadavg());
  const at = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, `
    + `Chromium headless, ${runs} run(s) per size, load average ${at(loads[0])} before, ${at(loads[1])} after`);
  console.log('\n| pool (`?pool=N`) | LRP of the whole cohort (the explaining stage, 15,726 patients) | explaining stage to the cohort shown (baselines\' fit included) | navigation to the whole cohort | interaction search |');
  console.log('|---|---|---|---|---|');
  const ms = (x) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : 'not waited for');
  for (const n of pools) {
    const mine = rows.filter((r) => r.n === n);
    const med = (f) => median(mine.map(f));
    console.log(`| ${n} | ${ms(med((r) => r.lrpMs))} | ${ms(med((r) => r.explainMs))} | ${ms(med((r) => r.cohortMs))} | ${ms(med((r) => r.searchMs))} |`);
  }
  console.log(`\nmessage round trip to a worker and back with 1,232,001 transferred floats (the study's network's gradients), median: ${median(rows.map((r) => r.roundTripMs)).toFixed(2)} ms`);
  for (const r of rows) if (r.errors.length) console.log(`pool=${r.n} page errors: ${r.errors.join(' | ')}`);
  process.exit(0);
}

const server = await serveDist();
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`run ${i + 1}/${runs}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
    results.push(await run(server.origin));
  }
} finally {
  await server.close();
}

// The median over runs of each run's figure (a run's what-if figure is its median edit).
const pick = (f) => median(results.map(f));
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(2)} ms`);
const last = results.at(-1);
console.log(`\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores, `
  + `Chromium headless, ${runs} run(s), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (!/15,726/.test(last.patients)) console.log(`warning: pan-cancer list says "${last.patients}"`);
if (last.errors.length) console.log(`page errors: ${last.errors.join(' | ')}`);
console.log('\n| work (wasm, in the page) | time |');
console.log('|---|---|');
console.log(`| page opening (pan-cancer, 15,726 patients, default model): navigation to the first explained patient on screen | ${ms(pick((r) => r.firstMs))} |`);
console.log(`| page opening: navigation to the whole cohort explained (the patient list shown) | ${ms(pick((r) => r.panMs))} |`);
console.log(`| longest main-thread task while the pan-cancer page opens (median over runs; none over 50 ms counts as 0) | ${ms(pick((r) => Math.max(0, ...r.openingTasks)))} |`);
console.log(`| teaching cohort: navigation to first explained patient, training included | ${ms(pick((r) => r.demoMs))} |`);
const tasks = results.flatMap((r) => r.trainingTasks);
console.log(`| main-thread tasks over 50 ms from the first epoch to the explained teaching cohort (all runs) | ${tasks.length}${tasks.length ? `, longest ${ms(Math.max(...tasks))}` : ''} |`);
for (const [name, key] of [['teaching demo', 'demoWhatIf'], ['pan-cancer', 'panWhatIf']]) {
  const n = results.reduce((sum, r) => sum + r[key].n, 0);
  console.log(`| what-if edit to screen, ${name} (median over ${n} edits) | ${ms(pick((r) => r[key].update))} |`);
  console.log(`| what-if recompute (encode, forward, LRP), ${name} | ${ms(pick((r) => r[key].recompute))} |`);
}
console.log(`| pan-cancer: one patient's report in the worker, the study's LRP (median of the next 3 patients) | ${ms(pick((r) => r.panExplain.study))} |`);
console.log(`| pan-cancer: relative to the cohort's typical patient, first patient (building the reference included) | ${ms(pick((r) => r.panExplain.firstTypical))} |`);
console.log(`| pan-cancer: relative to the cohort's typical patient, one patient's report (median of the next 5) | ${ms(pick((r) => r.panExplain.typical))} |`);
console.log(`| pan-cancer: ceteris-paribus profile of one patient along its top marker, in the worker | ${ms(pick((r) => r.panExplain.profile))} |`);
console.log(`| pan-cancer: one patient's explanation over time (SurvSHAP(t), 349 markers, 32 reference patients, 16 orderings), in the worker | ${ms(pick((r) => r.panExplain.overTime))} |`);
console.log(`| JS heap (main thread) after the demo | ${pick((r) => r.demoHeap).toFixed(1)} MB |`);
console.log(`| JS heap (main thread) after pan-cancer | ${pick((r) => r.panHeap).toFixed(1)} MB |`);
