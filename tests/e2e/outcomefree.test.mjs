// New patients without an outcome, end to end: a CSV with a stored model's markers only
// (no time, no event; cells written `missing`, `NA` and the file's own `unknown`) is opened
// in the Data panel, its own code is added in the mapping step, and a survlens model file
// explains it. The patient view, what-if and the relevance export work; the cohort overview
// and the Model view say plainly that the file has no outcomes. One browser, one page, in
// order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import {
  screenshot, waitForPatientView, root, artifacts, TEACHING, withOpenedPage, TRAINING,
} from './harness.mjs';

const fixtures = join(root, 'tests', 'fixtures');
/** tests/fixtures/bad/model_valid.json: trained on the veteran cohort's num_karno, num_age
 * and fac_celltype (survlens train, see tools/references/bad_inputs_corpus.py). */
const MODEL = join(fixtures, 'bad', 'model_valid.json');

let page;
let errors;
withOpenedPage(TEACHING, (opened) => ({ page, errors } = opened));

const current = () => page.textContent('[data-testid="current-cohort"]');

async function openDataPanel() {
  const open = await page.$eval('[data-testid="data-panel"]', (d) => d.open);
  if (!open) await page.click('[data-testid="data-panel"] > summary');
}

async function runJob(selector) {
  await page.click(selector);
  await page.waitForSelector('[data-testid="job"]', { timeout: 10_000 }).catch(() => {});
  await page.waitForSelector('[data-testid="job"]', { state: 'detached', timeout: TRAINING });
}

/** data/veteran_lung.csv without time and event: 137 new patients. Patient 2's age is
 * `NA`, patient 4's cell type `missing`, patient 6's Karnofsky score `unknown`. */
async function newPatientsCsv() {
  const text = await readFile(join(root, 'data', 'veteran_lung.csv'), 'utf8');
  const [head, ...rows] = text.trimEnd().split('\n');
  const header = head.split(',');
  const keep = header.map((_, c) => c).filter((c) => !['time', 'event'].includes(header[c]));
  const col = (name) => header.indexOf(name);
  const lines = [keep.map((c) => header[c]).join(',')];
  rows.forEach((row, i) => {
    const cells = row.split(',');
    if (i === 2) cells[col('num_age')] = 'NA';
    if (i === 4) cells[col('fac_celltype')] = 'missing';
    if (i === 6) cells[col('num_karno')] = 'unknown';
    lines.push(keep.map((c) => cells[c]).join(','));
  });
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, 'new_patients.csv');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

test('the mapping step takes a file without time and event, and the file\'s own code', async () => {
  await openDataPanel();
  await page.setInputFiles('[data-testid="csv-input"]', await newPatientsCsv());
  await page.waitForSelector('[data-testid="mapping"]');
  // Nothing is taken for a time (not even num_diagtime) or an event: new patients.
  assert.equal(await page.inputValue('[data-testid="map-time"]'), '');
  assert.equal(await page.inputValue('[data-testid="map-event"]'), '');
  assert.equal(await page.inputValue('[data-testid="map-id"]'), 'pid');
  assert.match(await page.textContent('#map-time-messages'), /A stored model \(the Model section\) can predict and explain them/);
  assert.ok(await page.$eval('[data-testid="train-csv"]', (b) => b.disabled), 'nothing to train on');
  assert.match(await page.textContent('#train-note'), /can be explained with a model file/);

  // The model file, applied without the file's own code: the import names the cell.
  const before = await current();
  await page.setInputFiles('[data-testid="model-input"]', MODEL);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="model-file"] strong')?.textContent === 'model_valid.json');
  await page.check('[data-testid="model-target-csv"]');
  await runJob('[data-testid="apply-model"]');
  await page.waitForSelector('[data-testid="problems"]');
  const problems = await page.textContent('[data-testid="problems"]');
  assert.ok(problems.includes('expected a number, found "unknown"'), problems);
  assert.ok(problems.includes('num_karno'), problems);
  assert.equal(await current(), before, 'the cohort on screen stays');

  // Added in the mapping step, the code is read as missing.
  await page.fill('[data-testid="map-missing-codes"]', 'unknown');
  assert.equal(await page.getAttribute('[data-testid="map-missing-codes"]', 'aria-invalid'), 'false');
  await page.check('[data-testid="model-target-csv"]');
  await runJob('[data-testid="apply-model"]');
  assert.match(await current(), /new_patients\.csv, 137 patients without outcomes, explained by model_valid\.json/);
  await waitForPatientView(page);
  const shot = await screenshot(page, 'outcomefree-patient');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});

test('the patient view predicts and explains; what-if and the export work', async () => {
  // Patient 4 (pid 4): its cell type was written `missing`.
  await page.fill('nav.patients input[type="search"]', '4');
  await page.click('nav.patients tr[data-patient="4"]');
  await page.waitForSelector('[data-testid="patient-view"][data-patient-id="4"]');
  const s1y = Number(await page.getAttribute('[data-testid="survival-1y"]', 'data-value'));
  assert.ok(s1y > 0 && s1y < 1, `1-year survival ${s1y}`);
  assert.match(await page.textContent('[data-testid="survival-1y"]'), /no observed survival in this file/);
  await page.waitForSelector('[data-testid="survival-chart"]');
  assert.match(await page.textContent('[data-testid="model-limits"]'), /1 marker is missing/);
  assert.match(await page.textContent('.patient'), /cannot be computed on it/);

  // What-if: "missing" is offered once (the empty choice), never as a level.
  const celltype = page.locator('[data-testid="whatif-form"] select[data-marker="fac_celltype"]');
  const options = await celltype.locator('option').evaluateAll((os) => os.map((o) => o.textContent));
  assert.equal(options.filter((o) => o === 'missing').length, 1, options.join(', '));
  const risk0 = await page.getAttribute('[data-testid="risk-score"]', 'data-value');
  await celltype.selectOption({ label: 'adeno' });
  await page.waitForSelector('[data-testid="patient-view"][data-whatif="on"]');
  assert.notEqual(await page.getAttribute('[data-testid="risk-score"]', 'data-value'), risk0);
  await page.click('[data-testid="whatif-reset"]');
  await page.waitForSelector('[data-testid="patient-view"][data-whatif="off"]');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-relevance"]'),
  ]);
  const path = join(artifacts, download.suggestedFilename());
  await download.saveAs(path);
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  assert.equal(lines.length, 138, 'header plus one row per patient');
  assert.deepEqual(lines[0].split(','), ['patient_id', 'prediction', 'num_karno', 'num_age', 'fac_celltype']);
  await page.fill('nav.patients input[type="search"]', '');
  const shot = await screenshot(page, 'outcomefree-whatif');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});

test('the views that need outcomes say the file has none', async () => {
  await page.click('nav.views a:has-text("Cohort")');
  await page.waitForSelector('[data-testid="cohort-view"]');
  assert.match(await page.textContent('[data-testid="summary-no-outcomes"]'), /not in this file/);
  assert.match(await page.textContent('[data-testid="km-no-outcomes"]'), /This file has no survival times or events/);
  assert.match(await page.textContent('[data-testid="cindex-no-outcomes"]'), /the model's C-index cannot be shown/);
  const counts = await page.$$eval('[data-testid="risk-group-counts"] tbody td.num', (tds) => tds.map((td) => Number(td.textContent)));
  assert.equal(counts.length, 3);
  assert.equal(counts.reduce((a, b) => a + b, 0), 137);
  assert.equal(await page.$('[data-testid="km-chart"]'), null, 'no empty chart');
  let shot = await screenshot(page, 'outcomefree-cohort');

  await page.click('nav.views a:has-text("Model")');
  await page.waitForSelector('[data-testid="no-outcomes"]');
  assert.match(await page.textContent('[data-testid="no-outcomes"] h2'), /Model: no outcomes in this file/);
  assert.match(await page.textContent('[data-testid="no-outcomes"]'), /The model file model_valid\.json/);
  shot = await screenshot(page, 'outcomefree-model');

  await page.click('nav.views a:has-text("Markers")');
  await page.waitForSelector('[data-testid="markers-view"]');
  await page.click('nav.views a:has-text("Patient")');
  await waitForPatientView(page);
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});
