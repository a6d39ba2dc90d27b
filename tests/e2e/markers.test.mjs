// The markers view end to end: after the demo has trained, the Markers view shows the key
// markers with their count, the cumulative curve and ranked bars, the beeswarm, a
// dependence plot that redraws for another marker, and the entity heatmap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withBrowser, openPage, screenshot, waitForPatientView, colouredPixels, waitForCanvas, TEACHING,
} from './harness.mjs';

const env = withBrowser();

const snapshot = (page, testid) => page.$eval(`[data-testid="${testid}"]`, (c) => c.toDataURL());

test('markers view: key markers, beeswarm, dependence that redraws, entity heatmap', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING);
  await waitForPatientView(page);
  await page.click('nav.views >> text=Markers');
  await page.waitForSelector('[data-testid="markers-view"]');
  assert.match(page.url(), /#\/markers$/);

  // The key-marker count is shown and consistent with the importance table.
  const count = Number(await page.getAttribute('[data-testid="key-marker-count"]', 'data-value'));
  const rows = await page.locator('[data-testid="importance-table"] tbody tr').count();
  assert.ok(rows >= 10, `importance table lists every marker, found ${rows}`);
  assert.ok(count >= 1 && count <= rows, `key markers ${count} of ${rows}`);
  const text = await page.textContent('.key-count');
  assert.match(text, new RegExp(`^${count} of ${rows} markers carry 90% of the total importance`));
  const keyRows = await page.$$eval('[data-testid="importance-table"] tbody tr', (trs) =>
    trs.filter((tr) => tr.lastElementChild.textContent === 'key').length);
  assert.equal(keyRows, count);
  // Beside them, what key markers are on cohorts where no marker matters, measured.
  assert.match(await page.textContent('[data-testid="key-marker-calibration"]'),
    /not that a marker is prognostic.*outcomes shuffled, so that no marker says anything, \d+\.\d markers were key/);

  // Every chart has drawn in colour.
  for (const id of ['cumulative-chart', 'importance-chart', 'beeswarm-chart', 'dependence-chart', 'entity-heatmap']) {
    await waitForCanvas(page, id);
    const n = await colouredPixels(page, id);
    assert.ok(n > 400, `${id} shows coloured marks, found ${n} pixels`);
  }
  await screenshot(page, 'markers-view');

  // A lower threshold needs no more markers; the curve redraws.
  const curveBefore = await snapshot(page, 'cumulative-chart');
  await page.$eval('[data-testid="key-threshold"]', (el) => {
    el.value = '60';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('.key-count').textContent.includes('60%'));
  const fewer = Number(await page.getAttribute('[data-testid="key-marker-count"]', 'data-value'));
  assert.ok(fewer <= count, `60% needs ${fewer} markers, 90% needs ${count}`);
  await page.waitForFunction((before) =>
    document.querySelector('[data-testid="cumulative-chart"]').toDataURL() !== before, curveBefore);

  // Another dependence marker redraws the plot and its table.
  const depBefore = await snapshot(page, 'dependence-chart');
  const captionBefore = await page.textContent('[data-testid="dependence-table"] caption');
  const options = await page.$$eval('[data-testid="dependence-marker"] option', (os) => os.map((o) => o.value));
  await page.selectOption('[data-testid="dependence-marker"]', options[2]);
  await page.waitForFunction((before) =>
    document.querySelector('[data-testid="dependence-chart"]').toDataURL() !== before, depBefore);
  const captionAfter = await page.textContent('[data-testid="dependence-table"] caption');
  assert.notEqual(captionAfter, captionBefore);
  // Colour by a second marker: a legend appears and the dots take the value scale.
  const colourOptions = await page.$$eval('[data-testid="dependence-colour"] option', (os) => os.map((o) => o.value));
  const depPlain = await snapshot(page, 'dependence-chart');
  await page.selectOption('[data-testid="dependence-colour"]', colourOptions[1]);
  await page.waitForFunction((before) =>
    document.querySelector('[data-testid="dependence-chart"]').toDataURL() !== before, depPlain);
  assert.ok(await colouredPixels(page, 'dependence-chart') > 400);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'markers-dependence');

  // Entity heatmap: one table row per entity, patients adding up to the cohort.
  const patients = await page.$$eval('[data-testid="heatmap-table"] tbody tr td:nth-child(2)',
    (tds) => tds.map((td) => Number(td.textContent)));
  assert.equal(patients.reduce((a, b) => a + b, 0), 600);

  // Controls are reachable by keyboard and labelled.
  for (const id of ['key-threshold', 'dependence-marker', 'dependence-colour']) {
    await page.focus(`[data-testid="${id}"]`);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), id);
  }
  assert.deepEqual(errors, [], 'no console errors');
});
