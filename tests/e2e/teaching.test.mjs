// Teaching mode end to end: the planted truth beside the explanation for the selected
// patient and for the cohort, with the fidelity figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withBrowser, openPage, screenshot, waitForPatientView, waitForColour, TEACHING,
} from './harness.mjs';

const env = withBrowser();

async function figure(page, id) {
  return Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));
}

test('teaching mode shows the planted truth beside the explanation with the fidelity figures', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING);
  await waitForPatientView(page);
  await page.click('nav.views >> text=Teaching');
  await page.waitForSelector('[data-testid="teaching-patient"]', { timeout: 30_000 });

  const sentence = await page.textContent('[data-testid="agreement"]');
  assert.match(sentence, /planted truth/, `agreement sentence: ${sentence}`);
  const rows = await page.$$eval('[data-testid="truth-table"] tbody tr', (trs) => trs.length);
  assert.ok(rows >= 6, `the table lists the top markers of both sides (${rows})`);

  const rho = await figure(page, 'fidelity-spearman');
  assert.ok(rho >= -1 && rho <= 1, `Spearman ${rho}`);
  const auroc = await figure(page, 'fidelity-auroc');
  assert.ok(auroc >= 0 && auroc <= 1, `AUROC ${auroc}`);
  const precision = await figure(page, 'fidelity-precision');
  assert.ok(precision >= 0 && precision <= 1, `precision at k ${precision}`);
  // The floor and the seeds measured natively are stated beside the page's own figures.
  assert.match(await page.textContent('[data-testid="fidelity-measured"]'), /permuted outcomes/);
  const model = await figure(page, 'model-cindex');
  const oracle = await figure(page, 'oracle-cindex');
  assert.ok(model > 0.5 && model < 1, `model C ${model}`);
  assert.ok(oracle > 0.5 && oracle < 1, `oracle C ${oracle}`);
  const top5 = await figure(page, 'fidelity-top5');
  assert.ok(top5 >= 0 && top5 <= 5, `top-5 recovery ${top5}`);
  const interactions = await page.$$eval('[data-testid="planted-interactions"] li', (lis) => lis.map((li) => li.textContent));
  assert.ok(interactions.length >= 1, 'planted interactions listed');
  for (const li of interactions) {
    assert.match(li, /(Detectable|Not detectable) with \d+ patients/, li);
  }

  await waitForColour(page, 'truth-pair-chart');
  await waitForColour(page, 'importance-scatter', 100);
  console.log(`teaching: AUROC ${auroc.toFixed(3)}, precision ${precision.toFixed(3)}, Spearman ${rho.toFixed(3)}, top-5 ${top5}, model C ${model.toFixed(3)} vs oracle ${oracle.toFixed(3)}`);
  await screenshot(page, 'teaching-view');

  // Picking another patient in the list updates the comparison.
  const first = await page.getAttribute('[data-testid="teaching-patient"]', 'data-patient-id');
  await page.click('.patient-table tbody tr:nth-child(4)');
  await page.waitForFunction((id) =>
    document.querySelector('[data-testid="teaching-patient"]')?.dataset.patientId !== id, first);
  await waitForColour(page, 'truth-pair-chart');
  assert.deepEqual(errors, [], 'no console errors');
});
