// The model view end to end: held-out figures with their intervals, the training curve,
// calibration, and the attribution methods for the selected patient, all drawn in the tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withBrowser, openPage, screenshot, waitForPatientView, waitForColour, TEACHING,
} from './harness.mjs';

const env = withBrowser();

async function metric(page, key) {
  return Number(await page.getAttribute(`[data-testid="metric-${key}"]`, 'data-value'));
}

test('model view shows held-out figures, training, calibration and the method comparison', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING);
  await waitForPatientView(page);
  await page.click('nav.views >> text=Model');
  await page.waitForSelector('[data-testid="metric-harrell"]', { timeout: 30_000 });

  for (const key of ['harrell', 'uno', 'antolini', 'auc-6', 'auc-12', 'auc-24']) {
    const v = await metric(page, key);
    assert.ok(v > 0.5 && v < 1, `${key} = ${v} should lie between 0.5 and 1`);
  }
  const ibs = await metric(page, 'ibs');
  assert.ok(ibs > 0 && ibs < 0.25, `integrated Brier score ${ibs} should beat 0.25`);
  const caption = await page.textContent('[data-testid="metrics-table"] caption');
  assert.match(caption, /95% percentile bootstrap intervals/);
  const uno = await page.textContent('[data-testid="metric-uno"]');
  assert.match(uno, /80th percentile of held-out follow-up/, 'Uno\'s tau is stated');

  for (const id of ['training-chart', 'calibration-chart', 'methods-chart', 'deletion-chart']) {
    await waitForColour(page, id);
  }
  const methods = await page.$$eval('[data-testid="faithfulness-table"] tbody tr', (trs) =>
    trs.map((tr) => ({ method: tr.dataset.method, score: Number(tr.querySelector('[data-value]').dataset.value) })));
  assert.equal(methods.length, 5, 'five methods ranked');
  for (let k = 1; k < methods.length; k += 1) {
    assert.ok(methods[k - 1].score >= methods[k].score, 'ranked by faithfulness');
  }
  const timing = await page.textContent('[data-testid="methods-panel"] > p.muted');
  const metricsTiming = caption.match(/Computed in (\d+) ms/)?.[1];
  console.log(`model view: held-out figures ${metricsTiming} ms; ${timing.match(/Computed in \d+ ms/)?.[0]} for one patient's five methods`);
  await screenshot(page, 'model-view');

  // Another patient: the comparison follows the selection.
  const before = await page.getAttribute('[data-testid="methods-panel"]', 'data-patient-id');
  await page.click('button[aria-label="Next patient"]');
  await page.waitForFunction((id) => {
    const now = document.querySelector('[data-testid="methods-panel"]')?.dataset.patientId;
    return now && now !== id;
  }, before);
  await waitForColour(page, 'methods-chart');
  assert.deepEqual(errors, [], 'no console errors');
});

test('model view and teaching mode stay responsive on the 15,726-patient default model', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin);
  // The page opens on the default model's cohort.
  await waitForPatientView(page);
  assert.match(await page.textContent('[data-testid="current-cohort"]'), /pan-cancer/);

  await page.click('nav.views >> text=Model');
  await page.waitForSelector('[data-testid="metric-harrell"]', { timeout: 120_000 });
  const harrell = await metric(page, 'harrell');
  assert.ok(harrell > 0.5 && harrell < 1, `Harrell's C ${harrell}`);
  await waitForColour(page, 'methods-chart');
  await waitForColour(page, 'calibration-chart');
  const caption = await page.textContent('[data-testid="metrics-table"] caption');
  const timing = await page.textContent('[data-testid="methods-panel"] > p.muted');
  console.log(`pan-cancer model view: held-out figures ${caption.match(/Computed in (\d+) ms/)?.[1]} ms; ${timing.match(/Shapley values from [^.]*\)/)?.[0]}; ${timing.match(/Computed in \d+ ms/)?.[0]} for one patient's methods (first one includes encoding the cohort)`);
  await screenshot(page, 'pancancer-model-view');
  const before = await page.getAttribute('[data-testid="methods-panel"]', 'data-patient-id');
  await page.click('button[aria-label="Next patient"]');
  await page.waitForFunction((id) => {
    const now = document.querySelector('[data-testid="methods-panel"]')?.dataset.patientId;
    return now && now !== id;
  }, before, { timeout: 60_000 });
  const next = await page.textContent('[data-testid="methods-panel"] > p.muted');
  console.log(`pan-cancer model view: next patient ${next.match(/Computed in \d+ ms/)?.[0]}`);

  await page.click('nav.views >> text=Teaching');
  await page.waitForSelector('[data-testid="teaching-patient"]', { timeout: 60_000 });
  const rho = Number(await page.getAttribute('[data-testid="fidelity-spearman"]', 'data-value'));
  const model = Number(await page.getAttribute('[data-testid="model-cindex"]', 'data-value'));
  const oracle = Number(await page.getAttribute('[data-testid="oracle-cindex"]', 'data-value'));
  const top10 = await page.getAttribute('[data-testid="fidelity-top10"]', 'data-value');
  console.log(`pan-cancer teaching: Spearman ${rho.toFixed(3)}, top-10 ${top10}, model C ${model.toFixed(3)} vs oracle ${oracle.toFixed(3)}`);
  assert.ok(model > 0.5 && model < 1 && oracle > 0.5 && oracle < 1);
  await waitForColour(page, 'importance-scatter', 100);
  await screenshot(page, 'pancancer-teaching-view');
  assert.deepEqual(errors, [], 'no console errors');
});
