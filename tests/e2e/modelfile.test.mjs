// Model files in and out of the page: train the teaching cohort chosen in the Data panel,
// download its model file, open that file on the same cohort (the first patient's risk is
// the trained one, to the last bit), refuse broken model files with their problem while the
// cohort stays, and explain a CSV with an ONNX network exported from PyTorch. One browser,
// one page, in order: each step starts from what the previous one left on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import {
  screenshot, waitForPatientView, root, artifacts, TEACHING, withOpenedPage, TRAINING,
} from './harness.mjs';

const fixtures = join(root, 'tests', 'fixtures');

let page;
let errors;
withOpenedPage(TEACHING, (opened) => ({ page, errors } = opened));

const current = () => page.textContent('[data-testid="current-cohort"]');

/** Opens the Data panel (a disclosure) if it is closed. */
async function openDataPanel() {
  const open = await page.$eval('[data-testid="data-panel"]', (d) => d.open);
  if (!open) await page.click('[data-testid="data-panel"] > summary');
}

/** Clicks `selector` to start a job and waits until the job is over (done or refused). */
async function runJob(selector) {
  await page.click(selector);
  await page.waitForSelector('[data-testid="job"]', { timeout: 10_000 }).catch(() => {});
  await page.waitForSelector('[data-testid="job"]', { state: 'detached', timeout: TRAINING });
}

/** Selects the patient `id` through the picker's search; returns the risk score shown. */
async function riskOf(id) {
  await page.fill('nav.patients input[type="search"]', id);
  await page.click(`nav.patients tr[data-patient="${id}"]`);
  await page.waitForSelector(`[data-testid="patient-view"][data-patient-id="${id}"]`);
  const risk = await page.getAttribute('[data-testid="risk-score"]', 'data-value');
  await page.fill('nav.patients input[type="search"]', '');
  return risk;
}

let trainedRisk;
let modelPath;
let modelName;

test('a network trained on the teaching cohort downloads as a survlens model file', async () => {
  await openDataPanel();
  await page.selectOption('[data-testid="cohort-select"]', 'teaching');
  await runJob('[data-testid="open-bundled"]');
  assert.match(await current(), /Synthetic teaching cohort, 600 patients/);
  await waitForPatientView(page);
  assert.match(await page.textContent('[data-testid="model-origin"]'), /trained in this tab on 600 patients/);
  trainedRisk = await riskOf('P00001');
  assert.ok(Number.isFinite(Number(trainedRisk)), `risk ${trainedRisk}`);

  // The Data panel closed when the results arrived; saving the model opens it again.
  await openDataPanel();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-model"]'),
  ]);
  modelName = download.suggestedFilename();
  assert.equal(modelName, 'survlens-model-synthetic-teaching-cohort.json');
  await mkdir(artifacts, { recursive: true });
  modelPath = join(artifacts, modelName);
  await download.saveAs(modelPath);
  const file = JSON.parse(await readFile(modelPath, 'utf8'));
  assert.equal(file.format, 'survlens-model');
  assert.equal(file.version, 1);
  assert.equal(file.columns.time_unit, 'days');
  assert.equal(file.metrics.n_patients, 600);
  assert.equal(file.metrics.out_of_fold.folds, 1, 'the held-out test half of the page\'s split');
  assert.deepEqual(file.risk_groups.labels, ['lower third', 'middle third', 'upper third']);
  assert.equal(file.risk_groups.cut_offs.length, 2);
  assert.ok(file.baseline.time.length > 10, 'a Breslow baseline');
  assert.equal(file.network.layers.at(-1).n_out, 1, 'one log-risk output');
  const shot = await screenshot(page, 'modelfile-trained');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});

test('the downloaded model explains the same cohort with the same risk', async () => {
  assert.ok(modelPath, 'the previous test saved the model');
  await openDataPanel();
  await page.selectOption('[data-testid="cohort-select"]', 'teaching');
  await page.setInputFiles('[data-testid="model-input"]', modelPath);
  await page.waitForSelector('[data-testid="model-file"]');
  assert.match(await page.textContent('[data-testid="model-file"]'), /survlens model file \(JSON\)/);
  assert.match(await page.textContent('[data-testid="model-file"] fieldset'), /Synthetic teaching cohort/);
  await runJob('[data-testid="apply-model"]');
  assert.match(await current(), new RegExp(`explained by ${modelName.replaceAll('.', '\\.')}`));
  await waitForPatientView(page);
  assert.match(await page.textContent('[data-testid="model-origin"]'), /The model file survlens-model/);
  assert.equal(await page.$('[data-testid="export-model"]'), null, 'a file is not saved again');
  // Same preprocessing, same weights (bit-exact in the file), same LRP pass: same bits.
  assert.equal(await riskOf('P00001'), trainedRisk);
  const shot = await screenshot(page, 'modelfile-reopened');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});

for (const [file, title, message] of [
  ['bad/model/nan_weight.json', 'nan_weight.json', 'network layer 0, weight 4 is NaN, not a finite number'],
  ['bad/model/truncated_half.json', 'truncated_half.json', 'the file is truncated'],
  ['bad/onnx/unsupported_tanh.onnx', 'unsupported_tanh.onnx', 'ONNX node "/1/Tanh": operator Tanh is not supported'],
]) {
  test(`${title} is refused with its problem; the cohort stays and the page works`, async () => {
    const before = await current();
    await openDataPanel();
    await page.setInputFiles('[data-testid="model-input"]', join(fixtures, file));
    await page.waitForFunction(
      (t) => document.querySelector('[data-testid="model-file"] strong')?.textContent === t, title);
    await runJob('[data-testid="apply-model"]');
    await page.waitForSelector('[data-testid="model-error"]');
    assert.equal(
      await page.textContent('[data-testid="model-error"] h2'),
      `The model file ${title} could not be used`,
    );
    assert.ok(
      (await page.textContent('[data-testid="model-error"]')).includes(message),
      `the message names the problem: ${message}`,
    );
    assert.equal(await current(), before, 'the cohort on screen stays');
    // Still usable: another patient can be chosen and another view opened.
    assert.ok(Number.isFinite(Number(await riskOf('P00002'))));
    await page.click('nav.views a:has-text("Cohort")');
    await page.waitForSelector('[data-testid="cohort-view"]');
    await page.click('nav.views a:has-text("Patient")');
    await waitForPatientView(page);
    const shot = await screenshot(page, `modelfile-refused-${title.replace(/\.\w+$/, '')}`);
    assert.deepEqual(errors, [], `no console errors (${shot})`);
  });
}

/** A CSV whose marker columns are plain.onnx's five inputs: the six reference patients of
 * tests/fixtures/reference/xai_onnx.json, then 24 more with made-up values. */
async function plainInputsCsv() {
  const doc = JSON.parse(await readFile(join(fixtures, 'reference', 'xai_onnx.json'), 'utf8'));
  const plain = doc.models.find((m) => m.name === 'plain');
  const lines = ['pid,time,event,x1,x2,x3,x4,x5'];
  for (let p = 0; p < 30; p += 1) {
    const row = plain.inputs[p]
      ?? [0, 1, 2, 3, 4].map((j) => ((p * 7 + j * 3) % 11) / 5 - 1);
    // Math.fround: the float32 values the file was exported from, shortest text.
    lines.push([`P${String(p).padStart(2, '0')}`, 30 + ((p * 37) % 400), p % 3 === 0 ? 0 : 1,
      ...row.map((v) => String(Math.fround(v)))].join(','));
  }
  const path = join(artifacts, 'plain_onnx_inputs.csv');
  await mkdir(artifacts, { recursive: true });
  await writeFile(path, `${lines.join('\n')}\n`);
  return { path, outputs: plain.outputs };
}

test('an ONNX network explains a CSV whose columns are its inputs', async () => {
  const { path, outputs } = await plainInputsCsv();
  await openDataPanel();
  await page.setInputFiles('[data-testid="csv-input"]', path);
  await page.waitForSelector('[data-testid="mapping"]');
  await page.selectOption('[data-testid="map-time"]', 'time');
  await page.selectOption('[data-testid="map-event"]', 'event');
  await page.selectOption('[data-testid="map-id"]', 'pid');
  await page.setInputFiles('[data-testid="model-input"]', join(fixtures, 'onnx', 'plain.onnx'));
  await page.waitForFunction(
    () => document.querySelector('[data-testid="model-file"] strong')?.textContent === 'plain.onnx');
  assert.match(await page.textContent('[data-testid="model-file"]'), /ONNX network/);
  await page.check('[data-testid="model-target-csv"]');
  await runJob('[data-testid="apply-model"]');
  assert.match(await current(), /plain_onnx_inputs\.csv, 30 patients, explained by plain\.onnx/);
  await waitForPatientView(page);
  assert.match(await page.textContent('[data-testid="onnx-note"]'), /brings no baseline hazard/);
  // torch 2.15.0's float64 forward of the float32 weights (xai_onnx.json): |ours - torch|
  // <= 1e-5 (1 + |torch|), the importer's native tolerance.
  const risk = Number(await riskOf('P00'));
  assert.ok(Math.abs(risk - outputs[0]) <= 1e-5 * (1 + Math.abs(outputs[0])), `${risk} vs torch ${outputs[0]}`);
  const shot = await screenshot(page, 'modelfile-onnx');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});
