// Data in: switch to a bundled cohort, import a good CSV (preview, detected mapping, train),
// three bad ones (every problem with row and column, the previous cohort stays), and a
// training cancelled halfway (the previous cohort stays). One browser, one page, in order:
// each step starts from the cohort the previous one left on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serveDist, launch, openPage, screenshot, waitForPatientView, root, TEACHING } from './harness.mjs';

const fixtures = join(root, 'tests', 'fixtures', 'e2e');
const TRAINING = 240_000;

let server;
let browser;
let page;
let errors;

before(async () => {
  server = await serveDist();
  browser = await launch();
  ({ page, errors } = await openPage(browser.context, server.origin + TEACHING));
  await waitForPatientView(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const current = () => page.textContent('[data-testid="current-cohort"]');

/** Opens the Data panel (a disclosure) if it is closed. */
async function openDataPanel() {
  const open = await page.$eval('[data-testid="data-panel"]', (d) => d.open);
  if (!open) await page.click('[data-testid="data-panel"] > summary');
}

/** Waits until the cohort on screen is the one whose title contains `text`. */
async function waitForCohort(text) {
  await page.waitForFunction(
    (t) => document.querySelector('[data-testid="current-cohort"]')?.textContent.includes(t),
    text,
    { timeout: TRAINING },
  );
  await waitForPatientView(page);
}

/** The patient count the patient picker states ("N of M patients"). */
async function patientsListed() {
  const text = await page.textContent('nav.patients p.muted');
  const m = /of (\d+) patients/.exec(text);
  assert.ok(m, `patient count in "${text}"`);
  return Number(m[1]);
}

test('switching to NCCTG lung shows its patients in the patient view', async () => {
  // The closed panel's body is not built while the page opens; opening the panel builds it.
  const sources = () => page.$('[data-testid="data-panel"] .data-sources');
  assert.equal(await page.$eval('[data-testid="data-panel"]', (d) => d.open), false);
  assert.equal(await sources(), null, 'no body in the closed panel');
  await openDataPanel();
  await page.waitForSelector('[data-testid="cohort-select"]');
  await page.selectOption('[data-testid="cohort-select"]', 'ncctg-lung');
  // The description follows the choice on the page's next render, which a busy page (the
  // opening cohort still being explained) may deliver after selectOption returns.
  await page
    .waitForFunction(
      () => /228 patients with advanced lung cancer/.test(document.querySelector('.data-bundled p.muted')?.textContent ?? ''),
      null,
      { timeout: 10_000 },
    )
    .catch(() => {});
  assert.match(await page.textContent('.data-bundled p.muted'), /228 patients with advanced lung cancer/);
  await page.click('[data-testid="open-bundled"]');
  await waitForCohort('NCCTG advanced lung cancer');
  assert.equal(await patientsListed(), 228);
  // Closed again by the results, the panel keeps its body and the cohort chosen in it.
  await page.waitForFunction(() => !document.querySelector('[data-testid="data-panel"]').open);
  assert.notEqual(await sources(), null, 'the body stays once built');
  assert.equal(await page.$eval('[data-testid="cohort-select"]', (s) => s.value), 'ncctg-lung');
  // NCCTG ids are the source's row numbers 0..227; the view names one of them.
  const id = await page.getAttribute('[data-testid="patient-view"]', 'data-patient-id');
  assert.ok(Number(id) >= 0 && Number(id) < 228, `patient id ${id}`);
  // A lung cancer cohort without a grouping column: oncology words, no group per patient,
  // a search example from the cohort itself, no word about a synthetic cohort.
  assert.match(await page.textContent('[data-testid="tagline"]'), /in oncology/);
  assert.deepEqual(await page.$$eval('nav.patients thead th', (ths) => ths.map((th) => th.textContent)), ['Patient', 'Risk']);
  assert.equal(await page.getAttribute('nav.patients input[type="search"]', 'placeholder'), 'e.g. 0');
  assert.doesNotMatch(await page.textContent('footer'), /synthetic/);
  const shot = await screenshot(page, 'data-ncctg-patient-view');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});

test('a good CSV is previewed, its columns detected, and it trains into the patient view', async () => {
  await openDataPanel();
  await page.setInputFiles('[data-testid="csv-input"]', join(fixtures, 'good_clinic.csv'));
  await page.waitForSelector('[data-testid="mapping"]');
  // Header plus the first 8 patient rows.
  assert.equal(await page.$$eval('[data-testid="preview"] tbody tr', (r) => r.length), 8);
  const value = (id) => page.$eval(`[data-testid="${id}"]`, (s) => s.value);
  assert.equal(await value('map-time'), 'os_months');
  assert.equal(await value('map-event'), 'death');
  assert.equal(await value('map-id'), 'patient_id');
  assert.equal(await value('map-entity'), 'cancer_type');
  assert.equal(await value('map-unit'), 'months', 'unit from the column name');
  // The markers with their kinds as read: smoker is 0/1.
  const kinds = await page.$$eval('[data-testid="marker-map"] tbody tr', (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('select option').textContent])));
  assert.deepEqual(Object.keys(kinds), ['age', 'ecog', 'albumin', 'crp', 'smoker']);
  assert.equal(kinds.smoker, 'as read: yes/no (0 or 1)');
  assert.equal(kinds.albumin, 'as read: numeric');
  await screenshot(page, 'data-good-mapping');

  // One column cannot be two roles: the form says so and training waits.
  await page.selectOption('[data-testid="map-event"]', 'os_months');
  assert.match(await page.textContent('#map-event-messages'), /already the survival time column/);
  assert.ok(await page.$eval('[data-testid="train-csv"]', (b) => b.disabled));
  await page.selectOption('[data-testid="map-event"]', 'death');
  assert.ok(!(await page.$eval('[data-testid="train-csv"]', (b) => b.disabled)));

  await page.click('[data-testid="train-csv"]');
  await waitForCohort('good_clinic.csv');
  // The panel closes when the results arrive, so that they are what the user sees.
  await page.waitForFunction(() => !document.querySelector('[data-testid="data-panel"]').open);
  assert.equal(await patientsListed(), 120);
  const id = await page.getAttribute('[data-testid="patient-view"]', 'data-patient-id');
  assert.match(id, /^P\d{3}$/);
  const shot = await screenshot(page, 'data-good-trained');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});

for (const [file, row, column, code] of [
  ['bad_negative_time.csv', '5', 'os_months', 'non_positive_time'],
  ['bad_event_two.csv', '7', 'death', 'bad_event'],
  ['bad_ragged_row.csv', '9', 'whole row', 'ragged_row'],
]) {
  test(`${file} is refused with its row and column, and the previous cohort stays`, async () => {
    await openDataPanel();
    await page.setInputFiles('[data-testid="csv-input"]', join(fixtures, file));
    await page.waitForFunction(
      (f) => document.querySelector('[data-testid="mapping"] h3')?.textContent.startsWith(f), file);
    assert.equal(await page.$('[data-testid="problems"]'), null, 'no refusal of an earlier file is shown');
    // Detection leaves a role unset when the first rows hold the bad value, and says why
    // at the role and at the column, still a marker until chosen.
    const refusals = {
      'bad_negative_time.csv': ['#map-time-messages', 'os_months', 'Column `os_months` was not taken as the survival time: 1 negative value in the first 50 rows (row 5: -3). Fix it or choose the time column yourself.'],
      'bad_event_two.csv': ['#map-event-messages', 'death', 'Column `death` was not taken as the event (1 = event, 0 = censored): 1 value that is not 0 or 1 in the first 50 rows (row 7: 2).'],
    };
    if (refusals[file]) {
      const [messages, column, sentence] = refusals[file];
      assert.ok((await page.textContent(messages)).includes(sentence), `${messages} names the column, count and row`);
      const noted = await page.$$eval('[data-testid="marker-note"]', (notes) =>
        notes.map((n) => n.closest('th').firstChild.textContent));
      assert.deepEqual(noted, [column]);
      await screenshot(page, `data-mapping-${file.replace('.csv', '')}`);
    }
    // Choose the roles detection left unset.
    await page.selectOption('[data-testid="map-time"]', 'os_months');
    await page.selectOption('[data-testid="map-event"]', 'death');
    await page.click('[data-testid="train-csv"]');
    // Opening this file took the previous file's refusal off the page; this one's comes
    // from the worker.
    await page.waitForFunction(
      (f) => document.querySelector('[data-testid="problems"] h2')?.textContent.startsWith(`${f}:`),
      file, { timeout: TRAINING });
    const heading = await page.textContent('[data-testid="problems"] h2');
    assert.equal(heading, `${file}: 1 problem; nothing was imported.`);
    const cells = await page.$$eval('[data-testid="problems"] tbody tr', (trs) =>
      trs.map((tr) => ({ code: tr.dataset.code, cells: [...tr.cells].map((c) => c.textContent) })));
    assert.equal(cells.length, 1);
    assert.equal(cells[0].code, code);
    assert.equal(cells[0].cells[0], row);
    assert.equal(cells[0].cells[1], column);
    // The cohort trained from the good file is still the one on screen.
    assert.match(await current(), /good_clinic\.csv/);
    assert.equal(await patientsListed(), 120);
    await page.waitForSelector('[data-testid="patient-view"]');
    const shot = await screenshot(page, `data-refused-${file.replace('.csv', '')}`);
    assert.deepEqual(errors, [], `no console errors (${shot})`);
  });
}

test('a training shows its progress and can be cancelled, leaving the cohort on screen', async () => {
  await openDataPanel();
  await page.selectOption('[data-testid="cohort-select"]', 'support');
  await page.click('[data-testid="open-bundled"]');
  // The refused file's problems go as soon as a new job starts.
  await page.waitForSelector('[data-testid="problems"]', { state: 'detached' });
  // The auto recipe names the setting, fold and step it trains, with the validation
  // figures of the member in training.
  const stage = /Training: setting \d+ of \d+, fold \d+, step \d+ · validation loss [\d.]+ · validation C-index \(Harrell\) [\d.]+/;
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('[data-testid="job"] strong')?.textContent ?? ''),
    stage.source,
    { timeout: TRAINING },
  );
  const progress = Number(await page.getAttribute('[data-testid="job"] progress', 'value'));
  assert.ok(progress >= 0 && progress < 100, `progress ${progress}`);
  await screenshot(page, 'data-training-progress');
  await page.click('[data-testid="job"] button:has-text("Cancel")');
  await page.waitForSelector('text=Training was cancelled', { timeout: 30_000 });
  assert.match(await current(), /good_clinic\.csv/);
  assert.equal(await patientsListed(), 120);
  await page.waitForSelector('[data-testid="patient-view"]');
  const shot = await screenshot(page, 'data-cancelled');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});

test('a cohort without a cancer entity speaks of no cancer: tagline, patient list and patient', async () => {
  // The clinic file with its cancer type column left unmapped: survival data of patients
  // with no disease named, as a cohort from another field would be.
  await openDataPanel();
  await page.setInputFiles('[data-testid="csv-input"]', join(fixtures, 'good_clinic.csv'));
  await page.waitForSelector('[data-testid="mapping"]');
  // The mapping step asks for a cancer entity only for a cohort about cancer.
  assert.equal(await page.textContent('label[for="map-entity"]'), 'Cancer entity (for a cohort about cancer)');
  await page.selectOption('[data-testid="map-entity"]', '');
  await page.click('[data-testid="train-csv"]');
  await page.waitForFunction(
    () => !/oncology/.test(document.querySelector('[data-testid="tagline"]')?.textContent ?? 'oncology'),
    null,
    { timeout: TRAINING },
  );
  await waitForPatientView(page);
  assert.equal(await page.textContent('[data-testid="tagline"]'), 'Explaining survival predictions, marker by marker');
  assert.deepEqual(await page.$$eval('nav.patients thead th', (ths) => ths.map((th) => th.textContent)), ['Patient', 'Risk']);
  assert.equal(await page.textContent('nav.patients label.search span'), 'Search by id');
  assert.equal(await page.getAttribute('nav.patients input[type="search"]', 'placeholder'), 'e.g. P001');
  assert.equal(await page.$('[data-testid="patient-view"] #patient-heading .entity'), null, 'no entity beside the patient');
  // The views and the page's frame.
  const text = (await Promise.all(['header', 'nav.patients', '[data-testid="patient-view"]', 'footer']
    .map((s) => page.textContent(s)))).join(' ');
  for (const word of ['Cancer entity', 'cancer entity', 'All patients', 'oncology']) {
    assert.ok(!text.includes(word), `"${word}" on a cohort without cancer`);
  }
  const shot = await screenshot(page, 'data-no-entity');
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});
