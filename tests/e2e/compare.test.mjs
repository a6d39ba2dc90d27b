// Side by side end to end: in the Patient view, another patient typed into "Compare with
// patient" with the keyboard opens the comparison of the two patients marker by marker (its
// table's columns add up to each patient's risk score minus its reference, the page's risk
// score on the left), its PNG, SVG and CSV download, it follows the explanation on screen,
// and the network beside the linear Cox model opens from the keyboard with both models'
// held-out C-indices. Keeps pictures of both figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  withBrowser, openPage, screenshot, waitForPatientView, waitForCanvas, artifacts, TEACHING, axeViolations,
} from './harness.mjs';

const env = withBrowser();
/** The numbers of a table's column `k` (0-based) over its marker rows and its summed row. */
async function column(page, table, k) {
  return page.$$eval(`${table} tbody tr:not(.total):not([data-testid$="-c"])`, (trs, col) => trs.map((tr) => Number(tr.cells[col].dataset.value)), k);
}

/** The left and right numbers of a total row. */
async function totals(page, testid) {
  return page.$$eval(`[data-testid="${testid}"] td.num[data-value]`, (tds) => tds.map((td) => Number(td.dataset.value)));
}

/** Checks the table's columns against its totals: rows add up to each side's sum, and
 * reference + unattributed + sum = risk score (conservation). */
async function assertConserves(page, key, leftCol, rightCol) {
  const table = `[data-testid="${key}-table"]`;
  const left = await column(page, table, leftCol);
  const right = await column(page, table, rightCol);
  assert.ok(left.length >= 10 && left.every(Number.isFinite), `left ${left}`);
  const [sumL, sumR] = await totals(page, `${key}-sum`);
  const [unL, unR] = await totals(page, `${key}-unattributed`);
  const [refL, refR] = await totals(page, `${key}-reference`);
  const [riskL, riskR] = await totals(page, `${key}-risk`);
  const add = (v) => v.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(add(left) - sumL) < 2e-3, `left rows ${add(left)} add up to ${sumL}`);
  assert.ok(Math.abs(add(right) - sumR) < 2e-3, `right rows ${add(right)} add up to ${sumR}`);
  assert.ok(Math.abs(refL + unL + sumL - riskL) < 2e-3, `left: ${refL} + ${unL} + ${sumL} = ${riskL}`);
  assert.ok(Math.abs(refR + unR + sumR - riskR) < 2e-3, `right: ${refR} + ${unR} + ${sumR} = ${riskR}`);
  return { riskL, riskR, rows: left.length };
}

/** Presses Enter on the button `name` of figure `key` and returns the download. */
async function downloadByKeyboard(page, key, name) {
  const figure = page.locator(`[data-testid="${key}-figure"]`);
  await figure.getByRole('button', { name }).focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const path = join(artifacts, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path };
}

test('two patients side by side, then the network beside the linear Cox model', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING);
  await waitForPatientView(page);
  const id = await page.getAttribute('[data-testid="patient-view"]', 'data-patient-id');
  const risk = Number(await page.getAttribute('[data-testid="risk-score"]', 'data-value'));
  const ids = await page.$$eval('nav.patients tr[data-patient]', (trs) => trs.map((tr) => tr.dataset.patient));
  const other = ids.find((p) => p !== id);

  // Keyboard only: focus the field, type the id, press Enter.
  await page.focus('[data-testid="compare-with"]');
  await page.keyboard.type(other);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="compare-table"]', { state: 'attached', timeout: 30_000 });
  await waitForCanvas(page, 'compare-chart');
  // Columns: marker, modality, left value, left contribution, right value, right contribution.
  const study = await assertConserves(page, 'compare', 3, 5);
  assert.equal(study.riskL, risk, 'the patient on screen is on the left');
  assert.ok(study.rows <= 21, `${study.rows} rows: at most 10 + 10 markers and the others`);
  const others = await page.$$eval('[data-testid="compare-table"] tbody tr:not(.total)', (trs) => trs.filter((tr) => !tr.dataset.marker).map((tr) => tr.cells[0].textContent));
  assert.ok(others.length <= 1 && others.every((t) => /other markers/.test(t)), others.join());
  const caption = await page.locator('[data-testid="compare-figure"] figcaption').innerText();
  assert.match(caption, new RegExp(`Patient ${id} and Patient ${other}`));
  assert.match(caption, /baseline hazard/);
  assert.match(caption, /not a difference in the effect of that marker alone/);
  // Downloads by keyboard: PNG, SVG and the table as CSV.
  const png = await downloadByKeyboard(page, 'compare', 'Download PNG');
  assert.match(png.name, /^compare-.*\.png$/);
  const svg = await downloadByKeyboard(page, 'compare', 'Download SVG');
  assert.match(await readFile(svg.path, 'utf8'), /<svg/);
  const csv = await downloadByKeyboard(page, 'compare', 'Download the table (CSV)');
  const lines = (await readFile(csv.path, 'utf8')).trimEnd().split('\n');
  assert.equal(lines.length, 1 + study.rows + 4);
  assert.match(lines[0], /^marker,modality,Patient .* value,Patient .* contribution,/);
  await page.$eval('[data-testid="side-by-side"]', (el) => el.scrollIntoView());
  await page.locator('[data-testid="compare-figure"]').screenshot({ path: join(artifacts, 'compare-patients-figure.png') });
  await page.locator('[data-testid="side-by-side"] .side-controls').screenshot({ path: join(artifacts, 'compare-controls.png') });

  // The comparison follows the explanation on screen.
  await page.check('#explanation-cohort');
  await page.waitForFunction(() => /typical patient of the cohort/.test(document.querySelector('[data-testid="compare-figure"] figcaption')?.textContent ?? ''), null, { timeout: 20_000 });
  const typical = await assertConserves(page, 'compare', 3, 5);
  assert.equal(typical.riskL, risk);
  const [refL, refR] = await totals(page, 'compare-reference');
  assert.equal(refL, refR, 'the same typical patient for both');

  // The network beside the linear Cox model, from the keyboard.
  await page.focus('[data-testid="compare-models"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="models-table"]', { state: 'attached', timeout: 30_000 });
  await waitForCanvas(page, 'models-chart');
  // Columns: marker, modality, value, network contribution, linear contribution.
  const models = await assertConserves(page, 'models', 3, 4);
  assert.equal(models.riskL, risk, 'the network scores the patient as the page does');
  const c = await page.$$eval('[data-testid="models-c"] td.num', (tds) => tds.map((td) => Number(td.textContent)));
  assert.equal(c.length, 2);
  assert.ok(c.every((x) => x > 0.5 && x < 1), `held-out C ${c}`);
  const modelsCaption = await page.locator('[data-testid="models-figure"] figcaption').innerText();
  assert.match(modelsCaption, /same typical patient/);
  assert.match(modelsCaption, /Harrell's C \d\.\d{3} on the held-out patients/);
  const modelsPng = await downloadByKeyboard(page, 'models', 'Download PNG');
  assert.match(modelsPng.name, /^network-vs-linear-.*\.png$/);
  await page.locator('[data-testid="models-figure"]').screenshot({ path: join(artifacts, 'compare-models-figure.png') });

  // The study's explanation: the linear model from its encoded zero input, said so.
  await page.check('#explanation-study');
  await page.waitForFunction(() => /zero input/.test(document.querySelector('[data-testid="models-figure"] figcaption')?.textContent ?? ''), null, { timeout: 20_000 });
  await assertConserves(page, 'models', 3, 4);
  await page.locator('[data-testid="models-figure"]').screenshot({ path: join(artifacts, 'compare-models-study-figure.png') });
  // Both figures open, their tables shown: no WCAG 2.1 A/AA violation in the section.
  await page.$$eval('[data-testid="side-by-side"] details', (ds) => ds.forEach((d) => { d.open = true; }));
  assert.deepEqual(await axeViolations(page, '[data-testid="side-by-side"]'), []);
  await page.$eval('[data-testid="side-by-side"]', (el) => el.scrollIntoView());
  await screenshot(page, 'patient-side-by-side');
  assert.deepEqual(errors, [], 'no console errors');
});
