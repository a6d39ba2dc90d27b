// The page in English and German: the browser's preferred language chooses, `?lang=` in
// the address overrides it, the header's switch changes it at once, and the document's
// `lang` follows. Checked on the parts of the page whose texts come from the catalogues
// (header, navigation, footer, patient picker, the job's stage and the Patient view's
// sentences, which the worker writes in the page's language), with numbers in the
// language's format, and with axe-core on the German page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, serveDist, openPage, screenshot, waitForPatientView, axeViolations, artifacts } from './harness.mjs';

const env = {};
before(async () => {
  env.server = await serveDist();
  // A German browser.
  env.browser = await launch({ locale: 'de-DE' });
});
after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

const navLabels = (page) => page.$$eval('nav.views a span', (spans) => spans.map((s) => s.textContent));
const text = (page, selector) => page.textContent(selector);
/** Waits until the text of `selector` matches `pattern` (the worker's answer in the language
 * switched to replaces the last one) and returns it. */
async function waitForText(page, selector, pattern, timeout = 60_000) {
  await page.waitForFunction(
    ([s, source, flags]) => new RegExp(source, flags).test(document.querySelector(s)?.textContent ?? ''),
    [selector, pattern.source, pattern.flags],
    { timeout },
  );
  return page.textContent(selector);
}
const RISK_NOTE = '[data-testid="patient-view"] .risk-summary + p.muted';
const ACCOUNTING = '[data-testid="accounting"]';

test('a German browser gets the page in German; the switch and the address change it', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/');
  await waitForPatientView(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.deepEqual(await navLabels(page), ['Patient', 'Kohorte', 'Marker', 'Interaktionen', 'Modell', 'Lehre']);
  assert.equal(await page.getAttribute('nav.views', 'aria-label'), 'Ansichten');
  assert.match(await text(page, '.privacy'), /^Ihre Daten bleiben in diesem Browser-Tab/);
  assert.match(await text(page, '[data-testid="tagline"]'), /Onkologie/);
  assert.match(await text(page, 'footer'), /schichtweise Relevanzpropagation/);
  assert.match(await text(page, 'footer'), /synthetisch/);
  assert.equal(await text(page, 'nav.patients h2'), 'Patienten');
  // The interaction search runs on after the opening: its panel speaks German too.
  await page.waitForSelector('[data-testid="job"] button', { timeout: 10_000 });
  assert.equal(await text(page, '[data-testid="job"] button'), 'Abbrechen');
  // The worker's stage line, in German from the start.
  assert.match(await text(page, '[data-testid="job"] strong'), /^(Interaktionen|Die |Alle )/);
  assert.equal(await page.getAttribute('[data-testid="job"] progress', 'aria-label'), 'Fortschritt der Berechnung');
  // Counts with the German thousands point, risks with the decimal comma.
  await page.waitForSelector('nav.patients p.muted', { timeout: 120_000 });
  assert.match(await text(page, 'nav.patients p.muted'), /^15\.726 von 15\.726 Patienten, höchstes Risiko zuerst; die ersten 200 angezeigt$/);
  const risk = await text(page, '.patient-table tbody tr:first-child td.num');
  assert.match(risk, /^[+-]\d+,\d\d$/, `risk ${risk}`);
  assert.equal(await page.inputValue('[data-testid="language"]'), 'de');
  // The Patient view's sentences come from the worker, in German: the risk group, the risk
  // note with the held-out C-index, the explanation's accounting, with decimal commas.
  assert.match(await waitForText(page, RISK_NOTE, /C-Index des Modells bei zurückgehaltenen Patienten: 0,\d{3} \(Harrell\)\.$/),
    /^Die Gruppen dienen der Übersicht: Die Grenzen [+-]\d,\d{3} und [+-]\d,\d{3} sind die Tertile der Risikowerte der Trainingspatienten des Standardmodells/);
  assert.match(await text(page, '[data-testid="risk-group"]'), /^(unteres|mittleres|oberes) Drittel der Risikowerte$/);
  const accounting = await text(page, ACCOUNTING);
  assert.match(accounting, /^Ab der Baseline-Hazard-Funktion \(die LRP der Studie\): Jeder Marker wird vom niedrigsten Wert der Trainingspatienten aus gemessen/);
  assert.match(accounting, /Die Beiträge der Marker ergeben zusammen [+-]\d+,\d{3} des Risikowerts [+-]\d+,\d{3}; [+-]\d+,\d{3} nehmen die Bias-Terme des Netzes auf\.$/);
  assert.doesNotMatch(accounting + await text(page, RISK_NOTE), /\b(the|of|and|is|patients)\b/);
  await page.locator('[data-testid="patient-view"]').screenshot({ path: join(artifacts, 'language-de-patient.png') });
  await screenshot(page, 'language-de');
  await page.locator('header').screenshot({ path: join(artifacts, 'language-de-header.png') });
  const violations = await axeViolations(page, 'header');
  assert.deepEqual(violations, [], violations.join('\n'));

  // The switch: English at once, nothing reloaded.
  await page.selectOption('[data-testid="language"]', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(await navLabels(page), ['Patient', 'Cohort', 'Markers', 'Interactions', 'Model', 'Teaching']);
  assert.match(await text(page, '.privacy'), /^Your data stays in this browser tab/);
  assert.match(await text(page, 'nav.patients p.muted'), /^15,726 of 15,726 patients, highest risk first; the first 200 shown$/);
  assert.match(await text(page, '.patient-table tbody tr:first-child td.num'), /^[+-]\d+\.\d\d$/);
  // The worker is asked again: the Patient view's sentences in English.
  assert.match(await waitForText(page, ACCOUNTING, /^From the baseline hazard \(the study's LRP\)/),
    /Marker contributions sum to [+-]\d+\.\d{3} of the risk score/);
  assert.match(await waitForText(page, RISK_NOTE, /Model C-index on held-out patients: 0\.\d{3} \(Harrell\)\.$/), /^Groups are a convenience/);
  assert.match(await text(page, '[data-testid="risk-group"]'), /^(lower|middle|upper) third of risk scores$/);
  // The keyboard reaches the switch and changes it back.
  await page.focus('[data-testid="language"]');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  assert.equal(await text(page, 'nav.patients h2'), 'Patienten');
  await waitForText(page, ACCOUNTING, /^Ab der Baseline-Hazard-Funktion/);
  assert.match(await waitForText(page, RISK_NOTE, /C-Index des Modells/), /^Die Gruppen dienen der Übersicht/);

  // The address wins over the browser.
  await openPage(env.browser.context, env.server.origin + '/?lang=en');
  await waitForPatientView(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await text(page, 'nav.patients h2'), 'Patients');
  assert.match(await waitForText(page, ACCOUNTING, /^From the baseline hazard/), /Marker contributions sum to/);
  await screenshot(page, 'language-en');
  assert.deepEqual(errors, [], 'no console errors');
});
