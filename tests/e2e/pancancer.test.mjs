// What the page opens on: the synthetic pan-cancer cohort with the page's embedded default
// model, 15,726 patients generated, encoded, predicted and explained in the worker, with no
// training.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist, launch, openPage, screenshot, waitForPatientView, root } from './harness.mjs';

let server;
let browser;
let page;
let errors;

before(async () => {
  server = await serveDist();
  browser = await launch();
  ({ page, errors } = await openPage(browser.context, server.origin));
  await waitForPatientView(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the page opens on the pan-cancer cohort explained by the default model', async () => {
  // The page opened in `before`; the navigation's start is the performance time origin.
  const shown = await page.evaluate(() => performance.now());
  console.log(`pan-cancer cohort: first explained patient ${Math.round(shown)} ms after navigation`);
  assert.match(await page.textContent('[data-testid="current-cohort"]'), /pan-cancer/);
  const started = Date.now() - shown;

  const text = await page.textContent('nav.patients p.muted');
  assert.match(text, /of 15,726 patients/);
  // The held-out C-index the page states is the one recorded in the model file for the
  // same test half (the page runs the same network on the regenerated patients).
  const model = JSON.parse(readFileSync(join(root, 'web', 'models', 'default.json'), 'utf8'));
  const recorded = model.synthetic.test.harrell_c;
  const body = await page.textContent('[data-testid="patient-view"]');
  assert.ok(body.includes(recorded.toFixed(3)), `page states C ${recorded.toFixed(3)}`);
  await screenshot(page, 'pancancer-patient-view');

  // The interaction search finishes later in the worker; the job panel then disappears.
  await page.waitForSelector('[data-testid="job"]', { state: 'detached', timeout: 600_000 });
  console.log(`pan-cancer cohort: interactions ready ${Date.now() - started} ms after navigation`);
  await page.click('nav.views >> text=Markers');
  await page.waitForSelector('[data-testid="markers-view"]', { timeout: 60_000 });
  await screenshot(page, 'pancancer-markers');
  assert.deepEqual(errors, []);
});

test('the first patient is shown before the cohort is drawn, and stays when the cohort arrives', async () => {
  let risk;
  // The page opened again in the same tab: what it shows before the cohort is drawn.
  const { page: look, errors: lookErrors } = await openPage(browser.context, server.origin, {
    whileLoading: async (p) => {
      // The first look: the cohort's first patient, explained alone while the others are drawn.
      await p.waitForSelector('[data-testid="first-look"]', { timeout: 120_000 });
      await p.waitForSelector('[data-testid="patient-view"] canvas', { timeout: 120_000 });
      const shown = await p.evaluate(() => performance.now());
      console.log(`pan-cancer cohort: first look ${Math.round(shown)} ms after navigation`);
      assert.match(await p.textContent('[data-testid="patient-view"] h2'), /P00001/);
      assert.match(await p.textContent('[data-testid="risk-percentile"]'), /once the cohort is explained/);
      risk = Number(await p.getAttribute('[data-testid="risk-score"]', 'data-value'));
      await screenshot(p, 'pancancer-first-look');
      // The views of the cohort wait for it.
      await p.click('nav.views >> text=Cohort');
      await p.waitForSelector('[data-testid="first-look"] h2', { timeout: 10_000 });
      await p.click('nav.views >> text=Patient');
    },
  });
  // The whole cohort replaces the first look and keeps its patient, now placed in it.
  assert.equal(await look.$('[data-testid="first-look"]'), null);
  assert.match(await look.textContent('[data-testid="patient-view"] h2'), /P00001/);
  assert.match(await look.textContent('[data-testid="risk-percentile"]'), /^\d+(st|nd|rd|th)$/);
  const after = Number(await look.getAttribute('[data-testid="risk-score"]', 'data-value'));
  assert.ok(Math.abs(after - risk) < 1e-5, `the same risk alone and in the cohort: ${risk} vs ${after}`);
  assert.deepEqual(lookErrors, []);
});
