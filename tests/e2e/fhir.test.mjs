// A FHIR R4 export in the page, end to end: the bulk export of three synthetic patients in
// tests/fixtures/fhir/synthetic/ (written by `survlens synth --fhir`, see the README there),
// plus one file this test writes beside it (a creatinine value after the index date and an
// Observation with a unit no one knows), is opened through the FHIR section's file input
// with an index date. The worker reads it; the page shows the mapping report (a unit
// conversion, a text-only coding not mapped, the date of each value used, a problem naming
// its resource and JSON path) and the default model explains the patients. The report reads
// in German after a switch of language. The section and the report pass axe-core and are
// reached with the keyboard. One browser, one page, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import {
  screenshot, waitForPatientView, root, artifacts, TEACHING, withOpenedPage, TRAINING, axeViolations,
} from './harness.mjs';

const FIXTURE = join(root, 'tests', 'fixtures', 'fhir', 'synthetic');
const INDEX_DATE = '2021-06-30';

let page;
let errors;
withOpenedPage(TEACHING, (opened) => ({ page, errors } = opened));

/** The fixture's files and an extra one: P00001's creatinine measured again after the
 * index date (999 umol/L, which must not be used), and P00002's creatinine in `mg/dx`. */
async function exportFiles() {
  const names = (await readdir(FIXTURE)).filter((f) => f.endsWith('.ndjson')).sort();
  const observation = (id, patient, date, value, unit) => JSON.stringify({
    resourceType: 'Observation', id, status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '14682-9' }] },
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: date,
    valueQuantity: { value, system: 'http://unitsofmeasure.org', code: unit },
  });
  await mkdir(artifacts, { recursive: true });
  const extra = join(artifacts, 'later_and_bad.ndjson');
  await writeFile(extra, `${[
    observation('late-creatinine', 'P00001', '2022-03-01', 999, 'umol/L'),
    observation('bad-unit', 'P00002', '2021-02-01', 80, 'mg/dx'),
  ].join('\n')}\n`);
  return [...names.map((n) => join(FIXTURE, n)), extra];
}

async function openDataPanel() {
  const open = await page.$eval('[data-testid="data-panel"]', (d) => d.open);
  if (!open) await page.click('[data-testid="data-panel"] > summary');
}

const rowsOf = (testid) => page.$$eval(`[data-testid="${testid}"] tbody tr`,
  (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));

test('a FHIR export with an index date is read in the worker, reported and explained', async () => {
  await openDataPanel();
  const files = await exportFiles();
  await page.setInputFiles('[data-testid="fhir-input"]', files);
  await page.waitForSelector('[data-testid="fhir-files"]');
  assert.match(await page.textContent('[data-testid="fhir-files"]'), new RegExp(`${files.length} FHIR files`));

  // A date that is no day is refused where it is typed (the date input gives YYYY-MM-DD).
  await page.fill('[data-testid="fhir-index-date"]', INDEX_DATE);
  assert.equal(await page.inputValue('[data-testid="fhir-index-date"]'), INDEX_DATE);
  assert.equal(await page.$('[data-testid="fhir-date-error"]'), null);

  await page.click('[data-testid="fhir-explain"]');
  await page.waitForSelector('[data-testid="fhir-report"]', { timeout: TRAINING });
  await page.waitForSelector('[data-testid="job"]', { state: 'detached', timeout: TRAINING });

  const summary = await page.textContent('[data-testid="fhir-summary"]');
  assert.match(summary, /^3 patients from [\d,]+ resources in 9 files; 3 with a cancer entity/);
  assert.match(summary, new RegExp(`on or before ${INDEX_DATE}`));

  // Unit conversions: creatinine from umol/L to mg/dL by its molar mass (113.12 g/mol:
  // 1 umol/L = 0.011312 mg/dL), twice (the fixture's value and the later one).
  const conversions = await rowsOf('fhir-conversions');
  const creatinine = conversions.find((r) => r[1] === '14682-9');
  assert.ok(creatinine, JSON.stringify(conversions));
  assert.deepEqual([creatinine[2], creatinine[3]], ['umol/L', 'mg/dL']);
  assert.ok(Math.abs(Number(creatinine[4]) - 1 / 88.4) < 1e-4, creatinine[4]);
  assert.equal(creatinine[6], '2');

  // A text-only coding is listed as not mapped.
  const unmapped = await rowsOf('fhir-unmapped');
  assert.ok(unmapped.some((r) => r[1] === 'text only: "Befundkommentar"'), JSON.stringify(unmapped));

  // The first patient's creatinine is the value on or before the index date, dated.
  const values = await rowsOf('fhir-values');
  const used = values.find((r) => r[3] === 'Observation/obs-P00001-21');
  assert.ok(used, JSON.stringify(values.slice(0, 5)));
  assert.equal(used[2], '2021-01-04');
  assert.ok(!values.some((r) => r[3] === 'Observation/late-creatinine'), 'the later value is not used');
  for (const [, , date] of values) assert.ok(date === 'undated' || date <= INDEX_DATE, date);
  const measured = await rowsOf('fhir-measured');
  assert.ok(measured.length > 20, `${measured.length} markers with values`);
  for (const row of measured) assert.ok(Number(row[2]) >= 1 && Number(row[2]) <= 3, row.join(' | '));

  // The problem names its file, line, resource and JSON path.
  const problems = await rowsOf('fhir-problems');
  const bad = problems.find((r) => r[2] === 'Observation/bad-unit');
  assert.ok(bad, JSON.stringify(problems));
  assert.deepEqual(bad.slice(0, 4), ['later_and_bad.ndjson', 'line 2', 'Observation/bad-unit', 'valueQuantity.code']);
  assert.match(bad[4], /mg\/dx/);

  // The patients are explained by the default model, without outcomes.
  assert.match(await page.textContent('[data-testid="current-cohort"]'),
    /FHIR export \(9 files\), 3 patients without outcomes/);
  await waitForPatientView(page);
  const risk = Number(await page.getAttribute('[data-testid="risk-score"]', 'data-value'));
  assert.ok(Number.isFinite(risk), `risk score ${risk}`);
  assert.match(await page.getAttribute('[data-testid="patient-view"]', 'data-patient-id'), /^P0000[123]$/);

  await page.locator('[data-testid="fhir-report"]').scrollIntoViewIfNeeded();
  const shot = await screenshot(page, 'fhir-report');
  // The report alone, at full size.
  await page.locator('[data-testid="fhir-report"]').screenshot({ path: join(artifacts, 'fhir-report-panel.png') });
  assert.deepEqual(errors, [], `no console errors (${shot})`);
});

test('the mapping report reads in German after a switch of language, with German dates and numbers', async () => {
  await page.selectOption('[data-testid="language"]', 'de');
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  await page.waitForFunction(() => /^3 Personen/.test(document.querySelector('[data-testid="fhir-summary"]')?.textContent ?? ''));
  assert.match(await page.textContent('[data-testid="fhir-summary"]'),
    /^3 Personen aus [\d.]+ Ressourcen in 9 Dateien; 3 mit Tumorentität; je Marker der jüngste Wert am oder vor dem 30\.06\.2021\.$/);
  const conversions = await rowsOf('fhir-conversions');
  const creatinine = conversions.find((r) => r[1] === '14682-9');
  assert.equal(creatinine[0], 'Kreatinin');
  assert.match(creatinine[4], /^0,0113/);
  const values = await rowsOf('fhir-values');
  assert.equal(values.find((r) => r[3] === 'Observation/obs-P00001-21')[2], '04.01.2021');
  const unmapped = await rowsOf('fhir-unmapped');
  assert.ok(unmapped.some((r) => r[1] === 'nur Text: „Befundkommentar“'), JSON.stringify(unmapped));
  const bad = (await rowsOf('fhir-problems')).find((r) => r[2] === 'Observation/bad-unit');
  assert.equal(bad[1], 'Zeile 2');
  assert.match(bad[4], /^die Einheit „mg\/dx“ ist keine UCUM-Einheit/);
  // No English left anywhere in the report, the closed lists included.
  const text = await page.textContent('[data-testid="fhir-report"]');
  const left = ['patients from', 'resources in', 'with a cancer entity', 'on or before', 'line ',
    'undated', 'text only', 'not counted', 'Unit conversions', 'Problems', 'Creatinine', 'mapped']
    .filter((phrase) => text.includes(phrase));
  assert.deepEqual(left, [], `English left in the FHIR report: ${left.join(' | ')}`);
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('[data-testid="fhir-report"]').screenshot({ path: join(artifacts, 'german-fhir-report.png') });
  await page.selectOption('[data-testid="language"]', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
});

test('the FHIR section and its report pass axe-core and are reached with the keyboard', async () => {
  await openDataPanel();
  await page.waitForSelector('[data-testid="fhir-section"]');
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('[data-testid="data-panel"]').screenshot({ path: join(artifacts, 'fhir-section.png') });

  // From the bundled cohort's button, Tab reaches the file input, the index date and the
  // button (enabled: the export is still open).
  await page.focus('[data-testid="open-bundled"]');
  const reached = new Set();
  for (let k = 0; k < 40 && reached.size < 3; k += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (['fhir-input', 'fhir-index-date', 'fhir-explain'].includes(id)) reached.add(id);
  }
  assert.equal(reached.size, 3, [...reached].join(', '));

  // A refused export (no Patient): its problems are shown, the cohort on screen stays.
  const before = await page.textContent('[data-testid="current-cohort"]');
  const lonely = join(artifacts, 'no_patient.ndjson');
  await writeFile(lonely, '{"resourceType":"Observation","id":"o1","status":"final"}\n');
  await page.setInputFiles('[data-testid="fhir-input"]', lonely);
  await page.waitForFunction(() => document.querySelector('[data-testid="fhir-files"] strong')?.textContent === 'no_patient.ndjson');
  await page.click('[data-testid="fhir-explain"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="fhir-summary"]')?.textContent.startsWith('No patient could be read'));
  assert.equal(await page.textContent('[data-testid="current-cohort"]'), before);
  assert.ok((await rowsOf('fhir-problems')).length >= 1);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});
