// Over time end to end: the Patient view's "Over time" section is closed at first (nothing
// asked of the worker); opened from the keyboard for the default cohort's patient, its
// table's contributions at the horizon add up to the stated difference between the
// patient's predicted survival and the reference patients'; the horizon picker moves the
// bars to 2 years from the keyboard; the chart downloads as PNG and SVG; axe-core finds
// nothing in the section and the console stays clean. Prints the worker's time for one
// patient as a `# overtime ...` line and keeps a screenshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withBrowser, openPage, screenshot, waitForPatientView, waitForCanvas, axeViolations, artifacts } from './harness.mjs';

const env = withBrowser();

/** Polls `read()` until `ok(value)`, returning the value. */
async function until(page, read, ok, what, timeout = 60_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) assert.fail(`${what}: still ${JSON.stringify(value)}`);
    await page.waitForTimeout(100);
  }
}

/** The table's contributions, the stated difference and the total row. */
async function figures(page) {
  const values = await page.$$eval('[data-testid="over-time-table"] tbody td.num[data-value]',
    (tds) => tds.map((td) => Number(td.dataset.value)));
  const difference = Number(await page.getAttribute('[data-testid="over-time-result"]', 'data-difference'));
  const total = Number(await page.getAttribute('[data-testid="over-time-total"]', 'data-value'));
  return { values, difference, total };
}

test('the default cohort\'s patient explained over time, from the keyboard', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/');
  await waitForPatientView(page);
  // Closed at first: no result, nothing computing.
  assert.equal(await page.$('[data-testid="over-time-result"]'), null);
  const toggle = page.locator('[data-testid="over-time-toggle"]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="over-time-result"]', { timeout: 120_000 });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await waitForCanvas(page, 'over-time-chart');
  const ms = Number(await page.getAttribute('[data-testid="over-time-result"]', 'data-ms'));
  console.log(`overtime: one patient's SurvSHAP(t) in the worker (default cohort): ${ms.toFixed(1)} ms`);

  const one = await figures(page);
  assert.ok(one.values.length >= 2 && one.values.every(Number.isFinite), `${one.values}`);
  const sum = one.values.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - one.difference) < 1e-9, `contributions ${sum} vs difference ${one.difference}`);
  assert.ok(Math.abs(one.total - one.difference) < 1e-9);
  const caption = await page.textContent('[data-testid="over-time"] figcaption');
  assert.match(caption, /How each marker moves this patient's predicted survival at each time, against the average of 32 reference patients/);
  assert.match(caption, /1-year survival/);
  const curves = await page.$$eval('[data-testid="over-time-curves"] thead th', (ths) => ths.length);
  assert.ok(curves >= 4, `${curves} columns in the curves' table`);

  // The horizon picker from the keyboard: 2 years.
  await page.locator('[data-testid="over-time-horizon"]').focus();
  await page.keyboard.press('ArrowDown');
  await until(page, () => page.getAttribute('[data-testid="over-time-result"]', 'data-years'), (y) => y === '2', 'the horizon');
  const two = await figures(page);
  const sum2 = two.values.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum2 - two.difference) < 1e-9, `2 years: ${sum2} vs ${two.difference}`);
  assert.match(await page.textContent('[data-testid="over-time"] figcaption'), /2-year survival/);

  // PNG and SVG downloads from the keyboard.
  const figure = page.locator('[data-testid="over-time"] figure');
  for (const [name, ext] of [['Download PNG', '.png'], ['Download SVG', '.svg']]) {
    await figure.getByRole('button', { name }).focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.ok(download.suggestedFilename().endsWith(ext), download.suggestedFilename());
    await download.saveAs(join(artifacts, download.suggestedFilename()));
  }

  // The tables open from the keyboard too.
  await page.locator('[data-testid="over-time"] summary').focus();
  await page.keyboard.press('Enter');
  assert.ok(await page.$eval('[data-testid="over-time"] details', (d) => d.open));

  const violations = await axeViolations(page, '[data-testid="over-time"]');
  assert.deepEqual(violations, [], violations.join('\n'));
  await page.$eval('[data-testid="over-time"]', (el) => el.scrollIntoView({ block: 'start' }));
  await page.locator('[data-testid="over-time"]').screenshot({ path: join(artifacts, 'patient-over-time.png') });
  await screenshot(page, 'patient-over-time-page');
  assert.deepEqual(errors, [], 'no console errors');
});
