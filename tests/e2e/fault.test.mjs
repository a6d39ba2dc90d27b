// A worker that fails is reported in the page with what happened and what to try; the page
// keeps working, and restarting (the page loaded again, without the test hook) runs the job
// in a new worker. The address's test hook (`?worker-fault=panic`) makes the worker panic on
// purpose, as a defect would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, screenshot, waitForPatientView, TEACHING } from './harness.mjs';

const env = withBrowser();

test('a worker that panics is reported, and a restart runs the job again', async () => {
  const page = env.browser.context.pages()[0] ?? (await env.browser.context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.server.origin}${TEACHING}&worker-fault=panic`);

  const panel = page.locator('[data-testid="worker-fault"]');
  await panel.waitFor({ timeout: 60_000 });
  const text = await panel.innerText();
  assert.match(text, /stopped on an unexpected error/);
  assert.match(text, /test hook/, 'the panic message is shown');
  assert.match(text, /Restarting loads the page again/, 'what to try');
  assert.equal(await page.locator('[data-testid="job"]').count(), 0, 'no job is shown as running');
  // The page itself stays: navigation and the data panel still answer.
  await page.click('nav.views >> text=Cohort');
  assert.ok(await page.isVisible('nav.views'));
  await screenshot(page, 'worker-fault');

  await Promise.all([page.waitForNavigation(), page.click('[data-testid="restart-worker"]')]);
  assert.equal(new URL(page.url()).search, '?cohort=teaching', 'the same cohort, without the hook');
  await page.click('nav.views >> text=Patient');
  await waitForPatientView(page);
  assert.match(await page.textContent('[data-testid="patient-view"]'), /Patient /);
  assert.equal(await panel.count(), 0, 'the new worker runs without fault');
  assert.deepEqual(errors, [], 'the page itself threw nothing');
});
