// The patient view end to end: its charts are painted once per change (not again while the
// worker's progress lines arrive), survival figures lead, a what-if edit changes the risk and
// redraws the charts within a frame, reset restores the recorded explanation, the
// relevance table downloads as CSV, and the print stylesheet makes a one-page report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, launch, openPage, screenshot, waitForPatientView, artifacts, TEACHING } from './harness.mjs';

let server;
let browser;
let session;

before(async () => {
  server = await serveDist();
  browser = await launch();
  session = await openPage(browser.context, server.origin + TEACHING);
  await waitForPatientView(session.page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const attr = (page, selector, name) => page.getAttribute(selector, name);
const canvasUrl = (page, testid) =>
  page.$eval(`[data-testid="${testid}"]`, (c) => c.toDataURL());

/** Waits until `read()` returns something other than `before` and returns it. */
async function changed(page, read, before, what, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const now = await read();
    if (now !== before) return now;
    if (Date.now() > end) assert.fail(`${what} did not change`);
    await page.waitForTimeout(25);
  }
}

test('the charts are painted once per change, not again while the job goes on', async () => {
  const { page } = session;
  await page.waitForFunction(() => document.querySelector('nav.patients p.muted')?.textContent.includes('of 600 patients'));
  await page.waitForSelector('[data-testid="along-chart"]');
  await page.waitForTimeout(1000);
  // Every paint sets the canvas's width (which clears it): count them per chart.
  await page.evaluate(() => {
    window.paints = {};
    const width = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'width');
    Object.defineProperty(HTMLCanvasElement.prototype, 'width', {
      configurable: true,
      get: width.get,
      set(v) {
        window.paints[this.dataset.testid] = (window.paints[this.dataset.testid] ?? 0) + 1;
        width.set.call(this, v);
      },
    });
  });
  await page.waitForTimeout(3000);
  const paints = await page.evaluate(() => window.paints);
  // A chart whose value compared unequal to itself (a NaN in it) used to paint in a loop,
  // hundreds of times a second, keeping a core busy for as long as the view was open.
  assert.deepEqual(paints, {}, 'no chart painted again without a change');
});

test('survival figures lead the view, with the cohort for comparison', async () => {
  const { page } = session;
  for (const years of [1, 2]) {
    const figure = page.locator(`[data-testid="survival-${years}y"]`);
    const p = Number(await figure.getAttribute('data-value'));
    assert.ok(p > 0 && p < 1, `${years}-year survival ${p} is a probability`);
    const text = await figure.innerText();
    assert.match(text, new RegExp(`Predicted ${years}-year survival`));
    assert.match(text, /\d+%/);
    assert.match(text, /cohort \d+% \(95% CI \d+%–\d+%\)/);
  }
  const median = await page.locator('[data-testid="median-survival"]').innerText();
  assert.match(median, /(\d+\.\d months|not reached)/);
  // Later survival is never higher than earlier survival.
  const s1 = Number(await attr(page, '[data-testid="survival-1y"]', 'data-value'));
  const s2 = Number(await attr(page, '[data-testid="survival-2y"]', 'data-value'));
  assert.ok(s2 <= s1, `S(2y) ${s2} <= S(1y) ${s1}`);
  assert.ok(await page.isVisible('[data-testid="survival-chart"]'));
  assert.ok(await page.isVisible('[data-testid="model-limits"]'));
  await screenshot(page, 'patient-view');
});

test('the patient shown first says why, and every patient says whether the model trained on it', async () => {
  const { page } = session;
  const opened = await attr(page, '[data-testid="patient-view"]', 'data-patient-id');
  const why = await page.locator('[data-testid="opened-why"]').innerText();
  assert.match(why, /^Shown first: of the \d+ patients the model did not train on, the one with the highest risk\./);
  assert.match(why, /The list ranks all 600 patients by risk/);
  const tag = page.locator('[data-testid="trained-on"]');
  assert.equal(await tag.innerText(), 'held out');
  assert.match(await tag.getAttribute('title'), /did not train on this patient/);
  // The list's first row, the highest risk overall, is a patient the model trained on here.
  const first = await page.locator('.patient-table tbody tr').first().getAttribute('data-patient');
  assert.notEqual(first, opened, 'the teaching cohort opens below the list\'s first row');
  await page.locator(`.patient-table tbody tr[data-patient="${first}"]`).click();
  await page.waitForFunction((id) => document.querySelector('[data-testid="patient-view"]')?.dataset.patientId === id, first);
  assert.equal(await page.locator('[data-testid="opened-why"]').count(), 0, 'only beside the patient shown first');
  assert.equal(await tag.innerText(), 'training patient');
  await page.locator(`.patient-table tbody tr[data-patient="${opened}"]`).click();
  await page.waitForFunction((id) => document.querySelector('[data-testid="patient-view"]')?.dataset.patientId === id, opened);
  assert.ok(await page.isVisible('[data-testid="opened-why"]'));
});

test('a what-if edit changes risk and redraws the charts; reset restores them', async () => {
  const { page, errors } = session;
  const risk0 = await attr(page, '[data-testid="risk-score"]', 'data-value');
  const waterfall0 = await canvasUrl(page, 'contribution-chart');
  const curve0 = await canvasUrl(page, 'survival-chart');
  const s1y0 = await attr(page, '[data-testid="survival-1y"]', 'data-value');

  // Performance status: pick the level at the other end of the scale.
  const ecog = page.locator('[data-testid="whatif-form"] select[data-marker*="ecog"]');
  const current = await ecog.inputValue();
  const options = await ecog.locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== ''));
  const target = current === options.at(-1) ? options[0] : options.at(-1);
  await ecog.selectOption(target);

  await page.waitForSelector('[data-testid="patient-view"][data-whatif="on"]');
  const risk1 = await attr(page, '[data-testid="risk-score"]', 'data-value');
  assert.notEqual(risk1, risk0, 'the risk score changes');
  // Worse performance status raises the risk in the teaching cohort (a planted effect).
  if (Number(target) > Number(current)) assert.ok(Number(risk1) > Number(risk0), `${risk1} > ${risk0}`);
  else assert.ok(Number(risk1) < Number(risk0), `${risk1} < ${risk0}`);
  await changed(page, () => canvasUrl(page, 'contribution-chart'), waterfall0, 'the waterfall');
  await changed(page, () => canvasUrl(page, 'survival-chart'), curve0, 'the survival curve');
  assert.notEqual(await attr(page, '[data-testid="survival-1y"]', 'data-value'), s1y0);
  const delta = await page.locator('[data-testid="whatif-delta"]').innerText();
  assert.match(delta, /Risk score [+-]\d\.\d{3} \(recorded [+-]\d\.\d{3}, change [+-]\d\.\d{3}\)/);
  const deltas = await page.$$eval('[data-testid="contribution-table"] td[data-delta]', (tds) => tds.length);
  assert.ok(deltas > 0, 'the table shows the change per marker');

  // Edit-to-screen time: the recompute (encode, forward, LRP) and the edit until the DOM
  // and both canvases show it. Speed is a benchmark figure (target < 16 ms), reported
  // rather than asserted: a loaded machine must not fail the test.
  const recompute = Number(await attr(page, '[data-testid="patient-view"]', 'data-recompute-ms'));
  const update = Number(await attr(page, '[data-testid="patient-view"]', 'data-update-ms'));
  console.log(`what-if: recompute ${recompute.toFixed(2)} ms, edit to updated screen ${update.toFixed(2)} ms`);
  assert.ok(Number.isFinite(recompute) && recompute >= 0, `recompute time recorded: ${recompute}`);
  assert.ok(Number.isFinite(update) && update >= recompute, `update time recorded: ${update}`);

  // A numeric edit as well: the first numeric input, doubled.
  const numeric = page.locator('[data-testid="whatif-form"] input[type="number"]').first();
  const before = await attr(page, '[data-testid="risk-score"]', 'data-value');
  const value = Number(await numeric.inputValue()) || 1;
  await numeric.fill(String(value * 2));
  await changed(page, () => attr(page, '[data-testid="risk-score"]', 'data-value'), before, 'the risk after a numeric edit');
  await screenshot(page, 'patient-whatif');

  await page.click('[data-testid="whatif-reset"]');
  await page.waitForSelector('[data-testid="patient-view"][data-whatif="off"]');
  assert.equal(await attr(page, '[data-testid="risk-score"]', 'data-value'), risk0, 'reset restores the risk');
  assert.equal(await attr(page, '[data-testid="survival-1y"]', 'data-value'), s1y0);
  const restored = await page.waitForFunction(
    (url) => document.querySelector('[data-testid="contribution-chart"]').toDataURL() === url,
    waterfall0, { timeout: 5000 });
  assert.ok(restored, 'the waterfall is drawn as before the edit');
  assert.equal(await ecog.inputValue(), current, 'the form shows the recorded value again');
  assert.deepEqual(errors, [], 'no console errors');
});

test('relative to a typical patient: the bars start at its risk score and add up to the difference', async () => {
  const { page } = session;
  const table = '[data-testid="contribution-table"]';
  const sum = () => page.$$eval(`${table} tbody tr`, (trs) => trs
    .filter((tr) => !tr.classList.contains('total'))
    .reduce((s, tr) => s + Number(tr.querySelector('td.num')?.textContent ?? 0), 0));
  const risk = Number(await attr(page, '[data-testid="risk-score"]', 'data-value'));
  assert.equal(await page.$('[data-testid="typical-row"]'), null, 'the study explanation first');
  await page.check('#explanation-cohort');
  // The table sits in its closed "numbers as a table" disclosure: present, not shown.
  await page.waitForSelector('[data-testid="typical-row"]', { state: 'attached', timeout: 10_000 });
  assert.equal(await page.isChecked('#explanation-cohort'), true);
  assert.match(await page.textContent('[data-testid="accounting"]'), /typical patient/i);
  const typical = Number(await attr(page, '[data-testid="typical-row"] td.num', 'data-value'));
  assert.ok(Number.isFinite(typical));
  // Markers, the others and the typical patient's score make up the patient's risk score
  // (each cell rounded to 4 decimals).
  assert.ok(Math.abs(await sum() - risk) < 2e-3, `the rows add up to the risk score ${risk}`);
  assert.match(await page.textContent(table), /typical/);
  // The caption says where the bars start; the chart draws a labelled line there (read
  // back from its SVG download).
  const figure = page.locator('figure.chart-figure', { has: page.locator('[data-testid="contribution-chart"]') });
  const caption = await figure.locator('figcaption').innerText();
  assert.doesNotMatch(caption, /from 0 \(the baseline hazard\)/);
  assert.match(caption, /start at the typical patient's risk score [+-]\d\.\d{3}/);
  assert.match(caption, /add up to this patient's risk score/);
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    figure.locator('button', { hasText: 'Download SVG' }).click(),
  ]);
  const svgPath = join(artifacts, svg.suggestedFilename());
  await svg.saveAs(svgPath);
  const svgText = await readFile(svgPath, 'utf8');
  assert.match(svgText, new RegExp(`typical patient ${typical >= 0 ? '\\+' : '-'}${Math.abs(typical).toFixed(2)}`));
  // The relevance table follows: a reference column with the typical patient's risk score,
  // and this patient's row adding up to its risk score.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-relevance"]'),
  ]);
  assert.match(download.suggestedFilename(), /^relevance-.*-typical-cohort\.csv$/);
  const csvPath = join(artifacts, download.suggestedFilename());
  await download.saveAs(csvPath);
  const lines = (await readFile(csvPath, 'utf8')).trimEnd().split('\n');
  assert.deepEqual(lines[0].split(',').slice(0, 3), ['patient_id', 'prediction', 'reference']);
  const id = await attr(page, '[data-testid="patient-view"]', 'data-patient-id');
  const row = lines.find((l) => l.startsWith(`${id},`)).split(',').map(Number);
  assert.equal(row[1], risk);
  assert.ok(Math.abs(row[2] - typical) < 1e-4, `reference ${row[2]} is the typical patient's ${typical}`);
  const rowSum = row.slice(3).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(rowSum - (row[1] - row[2])) < 1e-3, `relevances ${rowSum} add up to ${row[1] - row[2]}`);
  // The printed report names the explanation.
  assert.match(await page.textContent('.report-head'), /relative to a typical patient of the cohort/);
  await screenshot(page, 'patient-typical-reference');
  await page.check('#explanation-study');
  await page.waitForSelector('[data-testid="typical-row"]', { state: 'detached', timeout: 10_000 });
  assert.equal(Number(await attr(page, '[data-testid="risk-score"]', 'data-value')), risk);
});

test('a scenario belongs to its patient: picking another patient drops it', async () => {
  const { page } = session;
  const id = await attr(page, '[data-testid="patient-view"]', 'data-patient-id');
  const ecog = page.locator('[data-testid="whatif-form"] select[data-marker*="ecog"]');
  const current = await ecog.inputValue();
  await ecog.selectOption(current === '0' ? '1' : '0');
  await page.waitForSelector('[data-testid="patient-view"][data-whatif="on"]');
  await page.locator(`.patient-table tbody tr:not([data-patient="${id}"])`).first().click();
  // The worker explains the patient picked; the view names them once it shows them.
  await page.waitForFunction((old) => {
    const id = document.querySelector('[data-testid="patient-view"]')?.dataset.patientId;
    return id !== undefined && id !== old;
  }, id);
  assert.equal(await attr(page, '[data-testid="patient-view"]', 'data-whatif'), 'off');
  await page.locator(`.patient-table tbody tr[data-patient="${id}"]`).click();
  await page.waitForFunction((old) => document.querySelector('[data-testid="patient-view"]')?.dataset.patientId === old, id);
  assert.equal(await attr(page, '[data-testid="patient-view"]', 'data-whatif'), 'off', 'back to the recorded values');
  assert.equal(await ecog.inputValue(), current);
});

test('the relevance table downloads as CSV with one row per patient', async () => {
  const { page } = session;
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-relevance"]'),
  ]);
  assert.match(download.suggestedFilename(), /^relevance-.*\.csv$/);
  const path = join(artifacts, download.suggestedFilename());
  await download.saveAs(path);
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  const total = Number((await page.locator('.patients p.muted').innerText()).match(/of (\d+) patients/)[1]);
  assert.equal(lines.length, total + 1, 'header plus one row per patient');
  const header = lines[0].split(',');
  assert.deepEqual(header.slice(0, 2), ['patient_id', 'prediction']);
  const shown = await page.$$eval('[data-testid="contribution-table"] tbody tr[data-marker]', (trs) => trs.map((tr) => tr.dataset.marker));
  for (const marker of shown) assert.ok(header.includes(marker), `column ${marker}`);
  // The selected patient's row carries the risk shown on the page.
  const id = await attr(page, '[data-testid="patient-view"]', 'data-patient-id');
  const row = lines.find((l) => l.startsWith(`${id},`)).split(',');
  const risk = Number(await attr(page, '[data-testid="risk-score"]', 'data-value'));
  assert.equal(Number(row[1]), risk);
});

test('print makes a one-page report', async () => {
  const { page } = session;
  await page.emulateMedia({ media: 'print' });
  // The printable width of A4 with 11 mm margins, at 96 CSS pixels per inch.
  await page.setViewportSize({ width: 711, height: 1040 });
  await page.waitForTimeout(300);
  await screenshot(page, 'patient-report-print');
  const hidden = await page.isHidden('[data-testid="whatif-form"]');
  assert.ok(hidden, 'the what-if form is not printed');
  assert.ok(await page.isVisible('.disclaimer'), 'the disclaimer is printed');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await writeFile(join(artifacts, 'patient-report.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  assert.equal(pages, 1, `the report fits one page (${pages} pages)`);
  await page.emulateMedia({ media: null });
  await page.setViewportSize({ width: 1360, height: 1000 });
});
