// The cohort stays in the worker: every message the worker sends the page while it opens on
// the 15,726-patient pan-cancer cohort and while a user walks through every view (a what-if
// edit, another patient, the saved relevance table) is recorded as it arrives and bounded in
// bytes. The explained cohort itself is tens of megabytes, so a message that carried it would
// break the bound by far.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage } from './harness.mjs';

const env = withBrowser();

/** Largest message the page may receive from its worker: a view's worth of numbers. */
const BOUND = 1024 * 1024;

/** Wraps the page's Worker so that every message it delivers is measured first. */
function recordWorkerMessages() {
  const Native = window.Worker;
  const sizes = [];
  window.__workerMessages = sizes;
  const size = (data) => {
    if (data == null) return 0;
    if (typeof data === 'string') return data.length;
    if (data.byteLength !== undefined) return data.byteLength;
    try { return JSON.stringify(data).length; } catch { return Number.POSITIVE_INFINITY; }
  };
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => sizes.push(size(e.data)));
    }
  };
}

test('no message from the worker carries the cohort, opening and walking every view', async () => {
  await env.browser.context.addInitScript(recordWorkerMessages);
  const { page, errors } = await openPage(env.browser.context, env.server.origin);
  const opening = await page.evaluate(() => [...window.__workerMessages]);
  assert.ok(opening.length > 0, 'the opening was recorded');

  // A what-if edit and another patient.
  const select = page.locator('[data-testid="whatif-form"] select').first();
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== ''));
  const current = await select.inputValue();
  await select.selectOption(options.find((v) => v !== current));
  await page.waitForSelector('[data-testid="patient-view"][data-whatif="on"]');
  await page.locator('.patient-table tbody tr').nth(3).click();
  await page.waitForSelector('[data-testid="patient-view"][data-whatif="off"]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-relevance"]'),
  ]);
  assert.match(download.suggestedFilename(), /\.csv$/);

  for (const [label, view] of [
    ['Cohort', 'cohort-view'], ['Markers', 'markers-view'], ['Interactions', 'interactions-view'],
    ['Model', 'model-view'], ['Teaching', 'teaching-view'], ['Patient', 'patient-view'],
  ]) {
    await page.click(`nav.views >> text=${label}`);
    await page.waitForSelector(`[data-testid="${view}"]`, { timeout: 120_000 });
    // Let the view's answers arrive.
    await page.waitForFunction(() => !document.querySelector('.computing'), null, { timeout: 120_000 })
      .catch(() => {});
  }

  const sizes = await page.evaluate(() => [...window.__workerMessages]);
  const largest = Math.max(...sizes);
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(`worker messages: ${sizes.length}, largest ${largest} bytes, all together ${total} bytes`);
  for (const [k, bytes] of sizes.entries()) {
    assert.ok(bytes < BOUND, `message ${k} is ${bytes} bytes`);
  }
  assert.deepEqual(errors, []);
});
