// The cohort overview end to end: after the demo has trained, the Cohort view shows the
// Kaplan-Meier curves of the risk groups in their colours, the numbers at risk and the
// log-rank p-value, and switching from tertiles to quartiles redraws four groups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, screenshot, waitForPatientView, TEACHING } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Okabe-Ito group colours of the chart (charts/km.rs): green low, sky Q2, orange
// intermediate/Q3, vermillion high.
const COLOURS = {
  green: [0x00, 0x9e, 0x73],
  sky: [0x56, 0xb4, 0xe9],
  orange: [0xe6, 0x9f, 0x00],
  vermillion: [0xd5, 0x5e, 0x00],
};

/** Pixels of the KM canvas within 10 of each group colour per channel (the curves are
 * drawn opaque; the bands are translucent and do not match). */
async function colouredPixels(page) {
  return page.$eval('[data-testid="km-chart"]', (c, colours) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const counts = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
    for (let i = 0; i < data.length; i += 4) {
      for (const [name, [r, g, b]] of Object.entries(colours)) {
        if (Math.abs(data[i] - r) <= 10 && Math.abs(data[i + 1] - g) <= 10
          && Math.abs(data[i + 2] - b) <= 10) counts[name] += 1;
      }
    }
    return counts;
  }, COLOURS);
}

test('cohort view: risk-group curves, numbers at risk, log-rank p, tertiles to quartiles', async () => {
  const { page, errors } = await openPage(browser.context, server.origin + TEACHING);
  await waitForPatientView(page);
  await page.click('nav.views >> text=Cohort');
  await page.waitForSelector('[data-testid="cohort-view"]');
  // The URL names the view only.
  assert.match(page.url(), /#\/cohort$/);

  // Summary: the demo's 600 patients.
  const summary = await page.textContent('[data-testid="cohort-summary"]');
  assert.match(summary, /Patients\s*600/);
  assert.match(summary, /months/);

  // Tertiles by default: three groups, each with its colour on the canvas.
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="km-chart"]');
    return c && c.width > 0;
  });
  assert.equal(await page.locator('[data-testid="km-groups"] tbody tr').count(), 3);
  const tertiles = await colouredPixels(page);
  for (const name of ['green', 'orange', 'vermillion']) {
    assert.ok(tertiles[name] > 150, `${name} curve drawn: ${JSON.stringify(tertiles)}`);
  }

  // Log-rank p shown.
  const logrank = await page.textContent('[data-testid="logrank"]');
  assert.match(logrank, /Log-rank test .* 2 degrees of freedom, p (< 0\.001|= [01]\.\d{2,5})/);
  // Beside it, how often the test declares a difference where none exists, measured.
  const calibration = await page.textContent('[data-testid="logrank-calibration"]');
  assert.match(calibration, /outcomes were shuffled, so that no difference exists, it declared one \(p < 0\.05\) on \d+ \(\d+\.\d%/);

  // The at-risk table: open the disclosure, one "at risk" row per group, starting with the
  // group sizes at month 0.
  await page.click('[data-testid="km-chart"] ~ details > summary');
  const atRisk = page.locator('[data-testid="at-risk-table"] tr.at-risk-row');
  await atRisk.first().waitFor({ state: 'visible' });
  assert.equal(await atRisk.count(), 3);
  const sizes = await page.$$eval('[data-testid="km-groups"] tbody tr td:nth-child(3)',
    (tds) => tds.map((td) => Number(td.textContent)));
  const atZero = await page.$$eval('[data-testid="at-risk-table"] tr.at-risk-row td:first-of-type',
    (tds) => tds.map((td) => Number(td.textContent)));
  assert.deepEqual(atZero, sizes, 'numbers at risk at month 0 are the group sizes');

  // The C-index panel names its variant and the conventional scores of the teaching cohort.
  const cTable = await page.textContent('[data-testid="cindex-table"]');
  assert.match(cTable, /All held-out patients/);
  assert.match(cTable, /0\.\d{3} \(0\.\d{3}–0\.\d{3}\)/);
  const scores = await page.textContent('[data-testid="score-table"]');
  assert.match(scores, /UICC stage/);
  assert.match(scores, /ECOG performance status/);
  const discMs = Number(await page.getAttribute('[data-testid="cohort-view"]', 'data-discrimination-ms'));
  console.log(`cohort view: C-indices with bootstrap computed in ${discMs} ms in the worker`);

  await screenshot(page, 'cohort-tertiles');

  // Quartiles: four groups in the table and on the canvas.
  const started = Date.now();
  await page.selectOption('[data-testid="grouping"]', 'quartiles');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="km-groups"] tbody tr').length === 4);
  const switchMs = Date.now() - started;
  assert.equal(await atRisk.count(), 4);
  assert.match(await page.textContent('[data-testid="logrank"]'), /3 degrees of freedom/);
  const quartiles = await colouredPixels(page);
  for (const name of ['green', 'sky', 'orange', 'vermillion']) {
    assert.ok(quartiles[name] > 150, `${name} curve drawn: ${JSON.stringify(quartiles)}`);
  }
  const kmMs = Number(await page.getAttribute('[data-testid="cohort-view"]', 'data-km-ms'));
  console.log(`cohort view: quartile curves computed in ${kmMs} ms in the worker, table updated ${switchMs} ms after the choice`);

  await screenshot(page, 'cohort-quartiles');
  assert.deepEqual(errors, [], 'no console errors');
});
