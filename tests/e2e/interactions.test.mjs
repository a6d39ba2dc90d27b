// The interactions view end to end: the worker found the interactions after explaining;
// by default the view shows the pairs tested on held-out outcomes with hazard ratio,
// interval and q-value, the measured calibration beside them, what became of the demo's
// planted interactions, and Kaplan-Meier curves of the chosen pair's four groups; the
// network-coupling descriptions are selectable under that name with their caption, ranked
// pairs and strength heatmap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withBrowser, openPage, screenshot, waitForPatientView, colouredPixels, waitForCanvas, TEACHING,
} from './harness.mjs';

const env = withBrowser();

const snapshot = (page, testid) => page.$eval(`[data-testid="${testid}"]`, (c) => c.toDataURL());
const redrawn = (page, testid, before) => page.waitForFunction(([id, b]) =>
  document.querySelector(`[data-testid="${id}"]`).toDataURL() !== b, [testid, before]);

test('interactions view: declared pairs with calibration, pair survival, network couplings', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING);
  await waitForPatientView(page);
  await page.click('nav.views >> text=Interactions');
  await page.waitForSelector('[data-testid="interactions-view"]');
  assert.match(page.url(), /#\/interactions$/);

  // The default method: the count of declared pairs, the table of tested pairs with hazard
  // ratio and q-value, and the calibration measured natively. The search follows the
  // explained cohort in the worker: the view fills in when it arrives.
  await page.waitForSelector('[data-testid="interaction-method"]', { timeout: 120_000 });
  const method = await page.$eval('[data-testid="interaction-method"]', (s) => s.value);
  assert.match(method, /Confirmed on outcomes/);
  const declared = Number(await page.getAttribute('[data-testid="declared-count"]', 'data-value'));
  const countText = await page.textContent('[data-testid="declared-count"]');
  const [, shown, tested] = countText.match(/^(\d+) of (\d+) tested pairs declared/);
  assert.equal(Number(shown), declared);
  assert.ok(Number(tested) >= 1, `pairs tested: ${tested}`);
  const header = await page.$$eval('[data-testid="confirmed-table"] thead th', (ths) => ths.map((t) => t.textContent));
  assert.ok(header.includes('Hazard ratio (95% CI)') && header.includes('q-value'));
  // The table's caption counts the markers the method's sentence says were screened.
  const sentence = await page.textContent('[data-testid="declared-count"] + p.muted');
  const [, candidates] = sentence.match(/Every pair among the (\d+) markers with the largest total interaction/);
  const caption = await page.textContent('[data-testid="confirmed-table"] caption');
  assert.match(caption, new RegExp(`every pair among the ${candidates} candidate markers was screened`));
  const flagged = await page.$$eval('[data-testid="confirmed-table"] tbody tr td:nth-child(7)',
    (tds) => tds.filter((td) => td.textContent === 'yes').length);
  assert.ok(flagged <= declared);
  assert.match(await page.textContent('[data-testid="interaction-calibration"]'), /without any interaction it declared nothing in/);
  // First, the figure of the measured size nearest the cohort on screen (600 patients).
  const headline = await page.textContent('[data-testid="interaction-calibration-headline"]');
  const [, measured, cohorts, falseCohorts, found, falsePairs] = headline.match(
    /^Measured at ([\d,]+) patients, the size closest to this cohort's 600: on (\d+) synthetic cohorts without any interaction it declared a pair on (\d+); on the same cohorts with planted pairs it found (\d+) of \d+ planted pairs and declared (\d+) that were not planted/);
  assert.equal(measured, '600');
  // Weak evidence: more than 1 additive cohort in 10 with a declaration, or fewer planted
  // pairs found than pairs declared that were not planted.
  const weak = 10 * Number(falseCohorts) > Number(cohorts) || Number(found) < Number(falsePairs);
  assert.equal(headline.includes('weak evidence'), weak);
  const planted = await page.textContent('[data-testid="planted-ranks"]');
  assert.match(planted, /BRAF mutation x BRAF\/MEK-targeted therapy: (detectable|not detectable)/);

  // The chosen pair's outcome evidence: Kaplan-Meier curves of its four groups.
  await waitForCanvas(page, 'pair-km-chart');
  assert.ok(await colouredPixels(page, 'pair-km-chart') > 400);
  const groups = await page.$$eval('[data-testid="pair-km-table"] tbody tr', (trs) => trs.length);
  assert.equal(groups, 4);
  await screenshot(page, 'interactions-view');

  // Choosing another tested pair redraws the curves and marks the row.
  const rows = page.locator('[data-testid="confirmed-table"] tbody tr');
  if (await rows.count() > 1) {
    const before = await snapshot(page, 'pair-km-chart');
    await rows.nth(1).locator('button').click();
    await redrawn(page, 'pair-km-chart', before);
    assert.match(await rows.nth(1).getAttribute('class'), /selected/);
  }

  // The network couplings: caption, count, table and heatmap, and the relevance plot.
  await page.selectOption('[data-testid="interaction-method"]', 'Network coupling: relevance split');
  assert.match(await page.textContent('[data-testid="coupling-caption"]'), /not tested against outcomes/);
  const countCoupling = await page.textContent('[data-testid="significant-count"]');
  assert.match(countCoupling, /ordered pairs stand out under this description/);
  assert.equal(await page.locator('[data-testid="interaction-table"] tbody tr').count(), 25);
  for (const id of ['interaction-heatmap', 'pair-chart']) {
    await waitForCanvas(page, id);
    assert.ok(await colouredPixels(page, id) > 400, `${id} shows coloured marks`);
  }
  const heatBefore = await snapshot(page, 'interaction-heatmap');
  await page.selectOption('[data-testid="interaction-method"]', 'Network coupling: relevance change');
  await redrawn(page, 'interaction-heatmap', heatBefore);
  assert.match(await page.textContent('[data-testid="interaction-table"] tbody tr td:nth-child(4)'), /relevance change/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'interactions-couplings');

  for (const id of ['interaction-method', 'pair-a', 'pair-b']) {
    await page.focus(`[data-testid="${id}"]`);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), id);
  }
  assert.deepEqual(errors, [], 'no console errors');
});
