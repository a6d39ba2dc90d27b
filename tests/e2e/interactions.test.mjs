// The interactions view end to end: the worker found the interactions after explaining;
// the view shows the ranked pairs with the number that count, the strength heatmap, the
// planted interactions' ranks on the demo, and a pair plot that follows the chosen pair
// and the chosen method.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withBrowser, openPage, screenshot, waitForPatientView, colouredPixels, waitForCanvas, TEACHING,
} from './harness.mjs';

const env = withBrowser();

const snapshot = (page, testid) => page.$eval(`[data-testid="${testid}"]`, (c) => c.toDataURL());
const redrawn = (page, testid, before) => page.waitForFunction(([id, b]) =>
  document.querySelector(`[data-testid="${id}"]`).toDataURL() !== b, [testid, before]);

test('interactions view: ranked pairs, heatmap, planted ranks, pair plot, method switch', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING);
  await waitForPatientView(page);
  await page.click('nav.views >> text=Interactions');
  await page.waitForSelector('[data-testid="interactions-view"]');
  assert.match(page.url(), /#\/interactions$/);

  // Statistical first: the count of pairs with q < 0.05 and the table with q-values.
  const significant = Number(await page.getAttribute('[data-testid="significant-count"]', 'data-value'));
  const countText = await page.textContent('[data-testid="significant-count"]');
  const [, shown, pairs] = countText.match(/^(\d+) of (\d+) ordered pairs count as interactions/);
  assert.equal(Number(shown), significant);
  assert.ok(Number(pairs) > 100, `pairs examined: ${pairs}`);
  const header = await page.$$eval('[data-testid="interaction-table"] thead th', (ths) => ths.map((t) => t.textContent));
  assert.ok(header.includes('q-value') && header.includes('Method') && header.includes('Effect'));
  const rows = page.locator('[data-testid="interaction-table"] tbody tr');
  assert.equal(await rows.count(), 25);
  const flagged = await page.$$eval('[data-testid="interaction-table"] tbody tr td:nth-child(8)',
    (tds) => tds.filter((td) => td.textContent === 'yes').length);
  assert.ok(flagged <= significant);

  // The demo's planted interactions and their ranks are stated.
  const planted = await page.textContent('[data-testid="planted-ranks"]');
  assert.match(planted, /BRAF mutation x BRAF\/MEK-targeted therapy: rank \d+ statistical, rank \d+ model-based/);
  assert.match(planted, /Immunotherapy x CRP: rank \d+ statistical/);

  for (const id of ['interaction-heatmap', 'pair-chart']) {
    await waitForCanvas(page, id);
    const n = await colouredPixels(page, id);
    assert.ok(n > 400, `${id} shows coloured marks, found ${n} pixels`);
  }
  await screenshot(page, 'interactions-view');

  // Choosing another pair from the table redraws the pair plot and marks the row.
  const pairBefore = await snapshot(page, 'pair-chart');
  await rows.nth(3).locator('button').click();
  await redrawn(page, 'pair-chart', pairBefore);
  assert.match(await rows.nth(3).getAttribute('class'), /selected/);
  const a = await rows.nth(3).getAttribute('data-a');
  assert.equal(await page.$eval('[data-testid="pair-a"]', (s) => s.value), a);

  // Model-based: q-values against the network's background, another count, the heatmap
  // redraws.
  const heatBefore = await snapshot(page, 'interaction-heatmap');
  await page.selectOption('[data-testid="interaction-method"]', 'Model-based');
  await redrawn(page, 'interaction-heatmap', heatBefore);
  const modelHeader = await page.$$eval('[data-testid="interaction-table"] thead th', (ths) => ths.map((t) => t.textContent));
  assert.ok(modelHeader.includes('q-value'));
  assert.match(await page.textContent('[data-testid="interaction-table"] tbody tr td:nth-child(4)'), /Model-based/);
  assert.ok(await colouredPixels(page, 'pair-chart') > 400);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'interactions-model-based');

  for (const id of ['interaction-method', 'pair-a', 'pair-b']) {
    await page.focus(`[data-testid="${id}"]`);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), id);
  }
  assert.deepEqual(errors, [], 'no console errors');
});
