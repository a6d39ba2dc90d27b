// Labels and units of marker columns, end to end: a CSV (tests/fixtures/e2e/good_clinic.csv)
// is opened in the Data panel, its `crp` column labelled "C-reactive protein" in mg/L in the
// mapping step, and trained on; the Patient view names the marker by its label; the model
// file saved from the page holds the label; opened again on the same file with the label
// reset to the column name, the model's label names the marker once more. One browser, one
// page, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdir, readFile } from 'node:fs/promises';
import {
  screenshot, waitForPatientView, root, artifacts, TEACHING, withOpenedPage, TRAINING,
} from './harness.mjs';

const CSV = join(root, 'tests', 'fixtures', 'e2e', 'good_clinic.csv');
const LABEL = 'C-reactive protein';

let page;
let errors;
withOpenedPage(TEACHING, (opened) => ({ page, errors } = opened));

async function openDataPanel() {
  const open = await page.$eval('[data-testid="data-panel"]', (d) => d.open);
  if (!open) await page.click('[data-testid="data-panel"] > summary');
}

async function runJob(selector) {
  await page.click(selector);
  await page.waitForSelector('[data-testid="job"]', { timeout: 10_000 }).catch(() => {});
  await page.waitForSelector('[data-testid="job"]', { state: 'detached', timeout: TRAINING });
}

/** Types `text` into a mapping field and leaves it, as a user does (its change fires). */
async function type(selector, text) {
  await page.fill(selector, text);
  await page.press(selector, 'Tab');
}

const label = '[data-testid="marker-map"] input.marker-label[data-column="crp"]';
const unit = '[data-testid="marker-map"] input.marker-unit[data-column="crp"]';
let modelPath;

test('a column labelled in the mapping step is named by its label after training', async () => {
  await openDataPanel();
  await page.setInputFiles('[data-testid="csv-input"]', CSV);
  await page.waitForSelector('[data-testid="mapping"]');
  // Prefilled with the column name where the dictionary does not know the column.
  assert.equal(await page.inputValue(label), 'crp');
  await type(label, LABEL);
  // The form redraws while the unit is still being typed (another field's edit, with focus
  // left in the unit field): what was typed stays, and the training uses it.
  await page.fill(unit, 'mg/L');
  await page.$eval('[data-testid="map-missing-codes"]',
    (codes) => codes.dispatchEvent(new Event('input', { bubbles: true })));
  assert.equal(await page.inputValue(unit), 'mg/L', 'a redraw keeps the typed unit');
  await page.press(unit, 'Tab');
  assert.equal(await page.inputValue(label), LABEL);
  await runJob('[data-testid="train-csv"]');
  assert.match(await page.textContent('[data-testid="current-cohort"]'), /good_clinic\.csv, 120 patients/);
  await waitForPatientView(page);
  const view = await page.textContent('[data-testid="patient-view"]');
  assert.ok(view.includes(LABEL), 'the Patient view names crp by its label');
  assert.ok(view.includes('mg/L'), 'and gives its unit');
  await screenshot(page, 'labels-trained');

  await openDataPanel();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-model"]'),
  ]);
  await mkdir(artifacts, { recursive: true });
  modelPath = join(artifacts, download.suggestedFilename());
  await download.saveAs(modelPath);
  const file = JSON.parse(await readFile(modelPath, 'utf8'));
  const saved = file.marker_labels.find((l) => l.marker === 'crp');
  assert.deepEqual(saved, { marker: 'crp', label: LABEL, unit: 'mg/L' });
  assert.deepEqual(errors, []);
});

test('the label survives saving and reopening the model file', async () => {
  assert.ok(modelPath, 'the previous test saved the model');
  await openDataPanel();
  // The file's own mapping forgets the label: what names the marker now is the model's.
  await type(label, 'crp');
  await type(unit, '');
  await page.setInputFiles('[data-testid="model-input"]', modelPath);
  await page.waitForSelector('[data-testid="model-file"]');
  await page.check('[data-testid="model-target-csv"]');
  await runJob('[data-testid="apply-model"]');
  assert.match(await page.textContent('[data-testid="current-cohort"]'), /explained by survlens-model/);
  await waitForPatientView(page);
  const view = await page.textContent('[data-testid="patient-view"]');
  assert.ok(view.includes(LABEL), 'the model file\'s label names crp');
  const shot = await screenshot(page, 'labels-reopened');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});
