// Along one marker end to end: the Patient view varies the waterfall's top marker for the
// patient on screen (its table holds the patient's own value with the risk score the
// waterfall adds up to), another marker picked from the table's "vary" button or the
// picker redraws the chart; the Markers view draws the partial dependence and accumulated
// local effects of its chosen marker. Prints the worker's time for one profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, waitForPatientView, waitForCanvas, TEACHING } from './harness.mjs';

const env = withBrowser();

/** Polls `read()` from Node until `ok(value)`, returning the value. */
async function until(page, read, ok, what, timeout = 20_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) assert.fail(`${what}: still ${JSON.stringify(value)}`);
    await page.waitForTimeout(50);
  }
}

test('the patient along one marker: own value at the waterfall risk, another marker redraws', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING);
  await waitForPatientView(page);
  await page.waitForSelector('[data-testid="along-profile"]', { timeout: 30_000 });
  await waitForCanvas(page, 'along-chart');
  // The default marker is the waterfall's top marker.
  const top = await page.getAttribute('[data-testid="contribution-table"] tbody tr[data-marker]', 'data-marker');
  const picked = await page.$eval('[data-testid="along-marker"]', (s) => s.selectedOptions[0].textContent);
  const topName = await page.$eval('[data-testid="contribution-table"] tbody tr[data-marker] td', (td) => td.firstChild.textContent);
  assert.equal(picked.trim(), topName.trim(), `the top marker ${top} is varied first`);
  // The patient's own row carries the risk score the waterfall adds up to.
  const risk = Number(await page.getAttribute('[data-testid="risk-score"]', 'data-value'));
  const own = await page.$$eval('[data-testid="along-table"] tbody tr[data-own="true"] td.num[data-value]',
    (tds) => tds.map((td) => Number(td.dataset.value)));
  assert.equal(own.length, 1, 'one row is the patient\'s own value');
  assert.ok(Math.abs(own[0] - risk) < 1e-4, `own value's risk ${own[0]} equals the risk score ${risk}`);
  const tableRows = await page.$$eval('[data-testid="along-table"] tbody tr', (trs) => trs.length);
  assert.ok(tableRows >= 3, `${tableRows} rows`);
  const caption = await page.textContent('[data-testid="along-panel"] figcaption');
  assert.match(caption, /every other marker as recorded/);
  const ms = Number(await page.getAttribute('[data-testid="along-profile"]', 'data-ms'));
  console.log(`ceteris-paribus profile in the worker (teaching cohort): ${ms.toFixed(2)} ms`);
  await page.$eval('[data-testid="along-panel"]', (el) => el.scrollIntoView());
  await screenshot(page, 'patient-along-marker');

  // Another marker from the contribution table's "vary" button (keyboard: Enter).
  const before = await page.getAttribute('[data-testid="along-profile"]', 'data-marker');
  await page.$eval('[data-testid="contribution-chart"]', (c) => c.closest('figure').querySelector('details').open = true);
  const buttons = page.locator('[data-testid="vary-marker"]');
  await buttons.nth(1).focus();
  await page.keyboard.press('Enter');
  const after = await until(page, () => page.getAttribute('[data-testid="along-profile"]', 'data-marker'),
    (m) => m !== before, 'the profile\'s marker');
  assert.notEqual(after, before);
  // A click on the waterfall's third bar varies that marker (the same choice as its row),
  // which is not the one varied now.
  const third = await page.$$eval('[data-testid="contribution-table"] tbody tr[data-marker] td',
    (tds) => tds.filter((td) => td.cellIndex === 0).map((td) => td.firstChild.textContent.trim())[2]);
  const varied = () => page.$eval('[data-testid="along-marker"]', (s) => s.selectedOptions[0].textContent.trim());
  assert.notEqual(await varied(), third);
  const chart = page.locator('[data-testid="contribution-chart"]');
  const box = await chart.boundingBox();
  // Rows of 40 CSS pixels, one per step and one for the risk score, under a 22-pixel margin.
  const rows = (box.height - 64) / 40;
  await chart.click({ position: { x: box.width / 2, y: 22 + 2.5 * (box.height - 74) / rows } });
  await until(page, varied, (name) => name === third, `the waterfall's third marker (${third})`);
  // And from the picker, a categorical marker: one row per level plus "missing".
  const ecog = await page.$$eval('[data-testid="along-marker"] option', (os) => os.find((o) => /ecog/i.test(o.textContent))?.value);
  if (ecog !== undefined) {
    await page.selectOption('[data-testid="along-marker"]', ecog);
    await until(page, () => page.getAttribute('[data-testid="along-profile"]', 'data-marker'), (m) => m === ecog, 'the ECOG profile');
    const levels = await page.$$eval('[data-testid="along-table"] tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
    assert.ok(levels.at(-1).startsWith('missing'), levels.join(' | '));
    await screenshot(page, 'patient-along-categorical');
  }
  assert.deepEqual(errors, [], 'no console errors');
});

test('the markers view draws the partial dependence and accumulated local effects', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING);
  await waitForPatientView(page);
  await page.click('nav.views >> text=Markers');
  await page.waitForSelector('[data-testid="effects-table"]', { state: 'attached', timeout: 30_000 });
  await waitForCanvas(page, 'effects-chart');
  const pdp = await page.$$eval('[data-testid="effects-table"] tbody tr td:nth-child(2)', (tds) => tds.map((td) => Number(td.dataset.value)));
  const ale = await page.$$eval('[data-testid="effects-table"] tbody tr td:nth-child(3)', (tds) => tds.map((td) => Number(td.dataset.value)));
  assert.ok(pdp.length >= 2 && pdp.every(Number.isFinite), `pdp ${pdp}`);
  assert.equal(ale.length, pdp.length);
  assert.ok(ale.every(Number.isFinite));
  // The ALE is centred: it takes both signs unless it is flat.
  assert.ok(Math.min(...ale) <= 1e-6 && Math.max(...ale) >= -1e-6, `ale ${ale}`);
  await page.$eval('[data-testid="effects-panel"]', (el) => el.scrollIntoView());
  await screenshot(page, 'markers-pdp-ale');
  assert.deepEqual(errors, [], 'no console errors');
});
