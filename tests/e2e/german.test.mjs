// The page in German, view by view, on the teaching cohort with `?lang=de`: every view (the
// Patient view with its what-if form and the new-patient form, Cohort, Markers,
// Interactions, Model, Teaching, and the Data panel opened) has no WCAG 2.1 A/AA violation
// by axe-core and is saved as a screenshot (`german-<view>.png`); the texts the page's own
// components write in the Patient view, its charts' frames, the new-patient form and the
// Data panel are German, with German numbers, and none of their English texts is left.
// A keyboard-only walk mirrors the English one of a11y.test.mjs: each view opened from its
// German link with Tab and Enter, and every control in it reached with a visible focus.
//
// The English texts checked for are those the components own (headings, buttons, labels,
// table heads) and, for the Cohort view, the starts of the worker's sentences too.
// The Markers, Interactions and Teaching views' lists hold the starts of the worker's
// sentences too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, serveDist, openPage, screenshot, axeViolations, waitForPatientView, waitForCanvas, TEACHING, TRAINING, settled, keyboardWalk, root } from './harness.mjs';

const env = {};
before(async () => {
  env.server = await serveDist();
  env.browser = await launch({ locale: 'de-DE' });
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING + '&lang=de');
  await waitForPatientView(page, TRAINING);
  await page.waitForSelector('[data-testid="job"]', { state: 'detached', timeout: TRAINING });
  env.page = page;
  env.errors = errors;
});
after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

/** The views in navigation order: the German link's label and the view's test id. */
const VIEWS = [
  ['Patient', 'patient-view'],
  ['Kohorte', 'cohort-view'],
  ['Marker', 'markers-view'],
  ['Interaktionen', 'interactions-view'],
  ['Modell', 'model-view'],
  ['Lehre', 'teaching-view'],
];

/**
 * English texts the page's components write in the Patient view, its what-if form, the
 * new-patient form and the Data panel, none of which may show in German.
 */
const UNTRANSLATED = {
  patient: [
    'Print report', 'Relevance table (CSV)', 'Risk group', 'Percentile in cohort',
    'Risk score (log hazard ratio)', 'What the model does not know', 'Predicted survival',
    "What drives this patient's risk", 'Explanation on screen', 'Contributions by modality',
    'Along one marker', 'Side by side', 'Over time', 'How stable', 'Download PNG',
    'Download SVG', 'Numbers as a table', 'Reference range', 'raises risk', 'lowers risk',
    'Absorbed by network biases', 'Compare with patient', 'Network beside the linear Cox model',
    'Show how each marker moves survival over time', 'What if?', 'New patient…',
    'Survival by time since baseline', 'Sum of relevance',
    // Why the patient is shown first, and whether the model trained on it.
    'Shown first', 'held out', 'training patient', 'did not train on',
    // The how-stable note the worker builds.
    'Stable under small changes', 'Mostly stable under small changes', 'Sensitive to small changes',
    'slightly perturbed copies', 'Agreement between networks', 'Both concern the recorded values',
    'networks averaged in this model',
    // Units that are words: the German page writes "Jahre".
    ' years',
    // The study's LRP rule, named in the contribution table's caption.
    'sign-aware gamma rule',
  ],
  // The Model view: the page's headings, captions and table heads, and the worker's
  // sentences (the split, the estimates, calibration, method names).
  model: [
    'The model: how it trained', "Harrell's C-index", "Uno's C-index", "Antolini's time-dependent C",
    'Integrated Brier score', 'Time-dependent AUC', 'What it measures', 'Estimate (95% CI)',
    'Discrimination and accuracy', 'Training curve', 'Calibration at', 'Risk group',
    'Observed (95% CI)', 'Against the models a statistician fits first',
    'The network (explained on this page)', 'Network minus model', 'chosen by 5-fold',
    'How the network was chosen', 'hidden layer', 'learning rate', 'Attribution methods',
    'Which method is most faithful', 'Measured against', 'Markers sum to', 'Inputs replaced',
    'Methods disagree because', 'Survival curves come from', 'The model was developed on',
    'The model was fitted outside', "D'Agostino-Nam test", 'Calibration slope', 'Computed in',
    'Download PNG', 'Numbers as a table', 'not available', "LRP (study's gamma)",
    'Gradient × input', 'Integrated gradients', 'Shapley (sampled)', 'censoring weights',
    'Shapley values from', 'Five ways to split', 'Deletion faithfulness', 'Deletion curves',
    'Cox loss per epoch', 'Predicted survival', 'Previous patient',
  ],
  whatif: ['What-if scenario', 'Reset', 'recorded:', 'Show all'],
  // The patient picker: its search, its column heads and the entities of its rows.
  picker: ['Search by id', 'Cancer entity', ' cancer', 'Risk', 'patients'],
  // Side by side: the page's controls and the worker's captions, columns and rows.
  compare: [
    'side by side', 'marker by marker', 'Conservation', 'contributions sum to', 'other markers',
    'baseline hazard', 'typical patient', 'explained by the network', 'Linear Cox', 'Network',
    'held-out', 'zero input', 'Sum of contributions', 'Not attributed', 'Compare with',
    'Stop comparing', 'Download the table',
  ],
  newPatient: [
    'New patient', 'Download template', 'Back to the cohort', 'Paste one CSV row',
    'Fill the form from the row', 'Explain', 'Clear the form', 'Listing the model',
    // The worker's hints under the fields, with units that are words.
    'empty = missing', 'reference range', ' years',
  ],
  cohort: [
    'Cohort overview', 'Survival by model risk group', 'How well the model ranks patients',
    'Median follow-up', 'Event rate', 'Missing values by modality', 'Modality', 'Risk groups',
    'held-out patients', 'tertiles', 'Cut-offs are', 'Numbers at risk', 'Risk score range',
    'Median survival', 'month survival', 'Log-rank test', 'How often this test misleads',
    'On the ', "Harrell's C: the share", 'Score C', 'Model C', 'Per-group rows', 'not reached',
    'Deaths', 'deaths', 'months', 'at risk', 'UICC stage', 'ECOG performance status',
  ],
  // The Markers view: the page's headings, controls, captions and table heads, and the
  // worker's sentences and table labels (key markers, calibration, value ranges).
  markers: [
    'Markers across the cohort', 'Relevance says how the model', 'Importance is the mean',
    'Key markers', 'Share of importance to cover', "Back to the study's 90%",
    'The key markers are the fewest', 'markers carry', 'of the total importance',
    'Key markers describe where', 'Cumulative share', 'most important markers',
    'Importance of all', 'Mean |relevance|', 'Importance by modality', 'Share of importance',
    'How the top', 'Each dot is one patient', 'Dots pile up', 'Median relevance', 'Low value',
    'High value', 'One marker: value against relevance', 'Colour by', 'no colour',
    'Each dot is one patient at', 'Each column is one level', 'the height is how much',
    'Relevance of ', 'Patients', 'Mean relevance', 'missing (imputed)', 'Where each marker matters',
    'Mean |relevance| (log-risk) by', 'One marker across the cohort', 'partial dependence',
    'Accumulated local effect', "How the model's risk score", 'The marker chosen',
    'Plotting the marker', 'Ranking the markers', 'Placing every patient', 'Averaging relevance',
    'Varying the marker', 'could not be computed', 'sign-aware gamma rule',
  ],
  // The Teaching view: the page's headings, figures, captions and table heads, and the
  // worker's sentences, verdicts, planted effects and interactions and the measured study.
  teaching: [
    'Teaching mode', 'the planted truth beside', 'the generator planted', 'No patient selected',
    'Comparing the explanation', 'For each marker among', 'True contribution', 'LRP relevance',
    'Verdict', 'Planted effect', 'How to read it', 'The whole cohort', 'prognostic vs null',
    'Precision at k', 'over detectable markers', 'markers recovered', 'Model C-index',
    'Oracle C-index', 'Measured against the truth', 'An oracle explainer', 'Each point is a marker',
    'True rank', 'True importance', 'LRP importance', 'only through', 'interacts', 'Planted interactions',
    'Detectable with', 'Not detectable', 'oracle test that knows', 'The Interactions view shows',
    'For patient', 'the explanation agrees', 'the explanation and the planted truth', 'It credits',
    'It misses', 'It gives', 'Nothing among the largest', 'agrees', 'credited, no planted effect',
    'missed by the model', 'opposite direction', 'hinge at', 'threshold:', 'log-linear above',
    'U-shape', 'by level', 'if present', ' per ', 'Measured natively', 'The same network retrained',
    'Ceiling, an oracle', 'Floor, the same network', 'BRAF/MEK inhibition', 'Systemic inflammation',
    'BRAF mutation x', 'Immune checkpoint inhibitor x', 'Download PNG', 'Numbers as a table', 'sign-aware gamma rule',
  ],
  // The Interactions view: the page's headings, controls, captions and table heads, and the
  // worker's method names, sentences, calibration and planted pairs, for the default
  // method and the network couplings.
  interactions: [
    'Interactions between markers', 'An interaction here means', 'Arranging the interactions',
    'The interaction search is still running', 'Confirmed on outcomes', 'Network coupling:',
    'tested pairs declared', 'Every measured size and planted pair', 'Measured at ',
    'How often this method is wrong', 'without any interaction', 'The cohort is split into',
    "Friedman's H statistic", 'likelihood-ratio test', 'Hazard ratio', 'p-value', 'q-value',
    // Not 'Rank': the German log-rank test is a Log-Rank-Test.
    'Declared', 'Adjusted for', 'planted', 'Planted in this synthetic cohort',
    'oracle power', 'declared by the default method', 'tested, not declared',
    'not tested by the default method', 'relevance split', 'relevance change', 'not examined',
    'One pair up close', 'Drawing the pair', 'patients with both values',
    'An interaction shows as a gap', 'Log-rank test across', 'Groups of the pair',
    'Median (months)', 'not reached', 'Network couplings, not tested against outcomes',
    'ordered pairs', 'strongest couplings', 'A (relevance)', 'B (moved or split)',
    'Shift (log-risk)', 'Stands out', 'Network coupling strength', 'Strength:',
    'Relevance split:', 'Relevance change:', 'How the network weighs', 'Each dot is one patient',
    'Lower quartile', 'Upper quartile', 'Relevance of ', 'Download PNG', 'Numbers as a table',
    'Patients', 'Group',
  ],
  data: [
    'On screen:', 'Bundled cohorts', 'Train and explain this cohort', 'Your own file',
    'Drop a CSV or TSV file', 'FHIR R4 export', 'Index date', 'Read and explain with the default model',
    'Download model (survlens JSON)', 'Drop a model file here', 'change the cohort',
    // The bundled cohorts' names, the chosen one's sentence and the title of the one on screen.
    'Synthetic teaching cohort', 'NCCTG advanced lung cancer', '600 patients',
    'Rotterdam model, validated on GBSG', 'No real patient',
  ],
};

/** The English phrases of `list` in the element's whole text, folded-away parts included. */
async function englishFolded(page, selector, list) {
  const text = await page.textContent(selector);
  return list.filter((phrase) => text.includes(phrase));
}

/** The English phrases of `list` found in the text of the element `selector` selects. */
async function english(page, selector, list) {
  const text = await page.innerText(selector);
  return list.filter((phrase) => text.includes(phrase));
}


test('the Patient view, its what-if form and the new-patient form speak German', async () => {
  const { page } = env;
  await page.click('nav.views >> text=Patient');
  await settled(page, 'patient-view', 60_000);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.match(await page.innerText('#patient-heading'), /^Patient \S+/);
  assert.equal(await page.innerText('[data-testid="print-report"]'), 'Bericht drucken');
  // The patient the page opened on, and why.
  assert.match(await page.innerText('[data-testid="opened-why"]'),
    /^Zuerst gezeigt: von den \d+ Personen, mit denen das Modell nicht trainiert wurde, die mit dem höchsten Risiko\./);
  assert.equal(await page.innerText('[data-testid="trained-on"]'), 'zurückgehalten');
  assert.equal(await page.innerText('[data-testid="export-relevance"]'), 'Relevanztabelle (CSV)');
  assert.equal(await page.innerText('#limits-heading'), 'Was das Modell über diese Person nicht weiß');
  assert.equal(await page.innerText('#whatif-heading'), 'Was wäre, wenn?');
  assert.equal(await page.innerText('#along-heading'), 'Entlang eines Markers');
  assert.equal(await page.innerText('.chart-tools button >> nth=0'), 'PNG herunterladen');
  // Numbers with the decimal comma, percentages with a space before the sign.
  assert.match(await page.innerText('[data-testid="risk-score"]'), /^[+-]\d+,\d{3}$/);
  assert.match(await page.innerText('[data-testid="risk-percentile"]'), /^\d+\.$|^sobald/);
  assert.match(await page.innerText('[data-testid="survival-1y"] .figure-label'), /^Vorhergesagtes 1-Jahres-Überleben$/);
  const cells = await page.$$eval('[data-testid="contribution-table"] td.num', (tds) => tds.map((t) => t.textContent));
  assert.ok(cells.length > 3 && cells.every((c) => /^[+-]?\d+,\d{4}$/.test(c)), `relevances ${cells.join(' ')}`);
  const leftPicker = await english(page, 'nav.patients', UNTRANSLATED.picker);
  assert.deepEqual(leftPicker, [], `English left in the patient picker: ${leftPicker.join(' | ')}`);
  assert.match(await page.getAttribute('nav.patients input[type="search"]', 'placeholder'), /^z\. B\. \S+/);
  const left = await english(page, '[data-testid="patient-view"]', UNTRANSLATED.patient);
  assert.deepEqual(left, [], `English left in the Patient view: ${left.join(' | ')}`);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  await screenshot(page, 'german-patient');

  // Side by side: two patients, and the network beside the linear Cox model, with the
  // worker's captions, column names and row names in German.
  const id = await page.getAttribute('[data-testid="patient-view"]', 'data-patient-id');
  const ids = await page.$$eval('nav.patients tr[data-patient]', (trs) => trs.map((tr) => tr.dataset.patient));
  await page.focus('[data-testid="compare-with"]');
  await page.keyboard.type(ids.find((p) => p !== id));
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="compare-table"]', { state: 'attached', timeout: 30_000 });
  await page.click('[data-testid="compare-models"]');
  await page.waitForSelector('[data-testid="models-table"]', { state: 'attached', timeout: 30_000 });
  assert.match(await page.innerText('[data-testid="compare-figure"] figcaption'), new RegExp(`^Patient ${id} und Patient \\S+ nebeneinander`));
  assert.match(await page.innerText('[data-testid="models-figure"] figcaption'), new RegExp(`^Patient ${id}, erklärt durch das Netz`));
  await page.$$eval('[data-testid="side-by-side"] details', (ds) => ds.forEach((d) => { d.open = true; }));
  const leftCompare = await english(page, '[data-testid="side-by-side"]', UNTRANSLATED.compare);
  assert.deepEqual(leftCompare, [], `English left side by side: ${leftCompare.join(' | ')}`);
  const compareViolations = await axeViolations(page, '[data-testid="side-by-side"]');
  assert.deepEqual(compareViolations, [], compareViolations.join('\n'));
  await page.$eval('[data-testid="side-by-side"]', (el) => el.scrollIntoView());
  await screenshot(page, 'german-side-by-side');
  await page.click('[data-testid="compare-stop"]');
  await page.click('[data-testid="compare-models"]');

  // A what-if edit: the banner and the form's notes in German.
  const numeric = page.locator('[data-testid="whatif-form"] input[type="number"]').first();
  const value = Number(await numeric.inputValue()) || 1;
  await numeric.fill(String(value * 2));
  await page.waitForSelector('[data-testid="patient-view"][data-whatif="on"]');
  assert.match(await page.innerText('.whatif-banner'), /^Was-wäre-wenn-Szenario: /);
  assert.match(await page.innerText('.whatif-field.changed .was'), /^erfasst: /);
  assert.equal(await page.innerText('[data-testid="whatif-reset"]'), 'Zurücksetzen');
  const leftWhatIf = await english(page, '[data-testid="whatif-form"]', UNTRANSLATED.whatif);
  assert.deepEqual(leftWhatIf, [], `English left in the what-if form: ${leftWhatIf.join(' | ')}`);
  const whatIfViolations = await axeViolations(page);
  assert.deepEqual(whatIfViolations, [], whatIfViolations.join('\n'));
  await screenshot(page, 'german-whatif');
  await page.click('[data-testid="whatif-reset"]');
  await page.waitForSelector('[data-testid="patient-view"][data-whatif="off"]');

  // The new-patient form.
  await page.waitForSelector('[data-testid="new-patient-open"]', { timeout: TRAINING });
  assert.equal(await page.innerText('[data-testid="new-patient-open"]'), 'Neue Person …');
  await page.click('[data-testid="new-patient-open"]');
  await page.waitForSelector('[data-testid="new-patient-fields"]', { timeout: 60_000 });
  assert.equal(await page.innerText('#new-patient-heading'), 'Neue Person');
  assert.equal(await page.innerText('[data-testid="new-patient-explain"]'), 'Erklären');
  assert.equal(await page.innerText('[data-testid="new-patient-template"]'), 'Vorlage herunterladen');
  const leftForm = await english(page, '[data-testid="new-patient-form"]', UNTRANSLATED.newPatient);
  assert.deepEqual(leftForm, [], `English left in the new-patient form: ${leftForm.join(' | ')}`);
  const formViolations = await axeViolations(page);
  assert.deepEqual(formViolations, [], formViolations.join('\n'));
  await screenshot(page, 'german-new-patient');
  await page.click('[data-testid="new-patient-cancel"]');
  await page.waitForSelector('[data-testid="patient-view"]');
  assert.deepEqual(env.errors, [], 'no console errors');
});

test('the Cohort view speaks German, with German numbers, before and after it settles', async () => {
  const { page } = env;
  await page.click('nav.views >> text=Kohorte');
  await page.waitForSelector('[data-testid="cohort-view"]');
  // While the worker computes, the view's own texts are German already.
  const early = await english(page, '[data-testid="cohort-view"]', UNTRANSLATED.cohort);
  assert.deepEqual(early, [], `English left in the Cohort view: ${early.join(' | ')}`);
  await settled(page, 'cohort-view', 120_000);
  await page.waitForSelector('[data-testid="cindex-table"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="km-groups"]', { timeout: 120_000 });
  assert.equal(await page.innerText('#cohort-heading'), 'Kohortenübersicht');
  assert.equal(await page.innerText('#km-heading'), 'Überleben nach Risikogruppe des Modells');
  assert.equal(await page.innerText('#c-heading'), 'Wie gut das Modell Patientinnen und Patienten ordnet: Harrells C-Index');
  // The C-index with the decimal comma, the held-out note and the log-rank test in German.
  assert.match(await page.innerText('[data-testid="cindex-table"] tr.overall td:last-child'), /^0,\d{3} \(0,\d{3}–[01],\d{3}\)$/);
  assert.match(await page.innerText('[data-testid="cohort-view"] #c-heading + p.muted'), /^Für (die|alle) \d+/);
  assert.match(await page.innerText('[data-testid="logrank"]'), /^Log-Rank-Test auf gleiches Überleben in den 3 Gruppen: χ² = \d+,\d bei 2 Freiheitsgraden, p /);
  assert.match(await page.innerText('[data-testid="logrank-calibration"]'), /^Wie oft dieser Test irreführt/);
  const shares = await page.$$eval('[data-testid="entity-table"] td.num:last-child', (tds) => tds.map((t) => t.textContent));
  assert.ok(shares.length > 1 && shares.every((c) => /^\d+,\d\u00a0%$/.test(c)), `event rates ${shares.join(' ')}`);
  const left = await english(page, '[data-testid="cohort-view"]', UNTRANSLATED.cohort);
  assert.deepEqual(left, [], `English left in the Cohort view: ${left.join(' | ')}`);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  await screenshot(page, 'german-cohort');
  // Quartiles: the groups, their table and the sentences follow in German.
  await page.selectOption('[data-testid="grouping"]', 'quartiles');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="km-groups"] tbody tr').length === 4, null, { timeout: 60_000 });
  await settled(page, 'cohort-view', 60_000);
  assert.match(await page.innerText('[data-testid="km-groups"] tbody tr >> nth=0'), /^Q1 \(niedrigstes Risiko\)/);
  const leftQuartiles = await english(page, '[data-testid="cohort-view"]', UNTRANSLATED.cohort);
  assert.deepEqual(leftQuartiles, [], `English left in the Cohort view: ${leftQuartiles.join(' | ')}`);
  await page.selectOption('[data-testid="grouping"]', 'tertiles');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="km-groups"] tbody tr').length === 3, null, { timeout: 60_000 });
  assert.deepEqual(env.errors, [], 'no console errors');
});

test('the Markers view speaks German, with German numbers', async () => {
  const { page } = env;
  await page.click('nav.views >> text=Marker');
  await page.waitForSelector('[data-testid="markers-view"]');
  // While the worker computes, the view's own texts are German already.
  const early = await english(page, '[data-testid="markers-view"]', UNTRANSLATED.markers);
  assert.deepEqual(early, [], `English left in the Markers view: ${early.join(' | ')}`);
  await settled(page, 'markers-view', 120_000);
  for (const id of ['importance-table', 'beeswarm-table', 'dependence-table', 'heatmap-table', 'effects-table']) {
    await page.waitForSelector(`[data-testid="${id}"]`, { state: 'attached', timeout: 120_000 });
  }
  assert.equal(await page.innerText('#markers-heading'), 'Marker in der Kohorte');
  assert.equal(await page.innerText('#key-heading'), 'Schlüsselmarker');
  assert.equal(await page.innerText('#dependence-heading'), 'Ein Marker: Wert gegen Relevanz');
  assert.match(await page.innerText('.key-count'), /^\d+ von \d+ Markern tragen 90\u00a0% der Gesamtrelevanz$/);
  assert.match(await page.innerText('[data-testid="key-marker-calibration"]'), /^Schlüsselmarker beschreiben, worauf .* 05\.12\.2026\)\.$/);
  assert.match(await page.innerText('#heatmap-heading'), /^Wo jeder Marker zählt: \S+ × Marker$/);
  // Shares with the decimal comma and a space before the sign; log-risk with four decimals.
  const shares = await page.$$eval('[data-testid="importance-table"] tbody td.num:nth-child(5)', (tds) => tds.map((t) => t.textContent));
  assert.ok(shares.length > 3 && shares.every((c) => /^\d+,\d\u00a0%$/.test(c)), `shares ${shares.join(' ')}`);
  const importance = await page.$$eval('[data-testid="importance-table"] tbody td.num:nth-child(4)', (tds) => tds.map((t) => t.textContent));
  assert.ok(importance.every((c) => /^\d+,\d{4}$/.test(c)), `importance ${importance.join(' ')}`);
  const medians = await page.$$eval('[data-testid="dependence-table"] tbody td.num:nth-child(4)', (tds) => tds.map((t) => t.textContent));
  assert.ok(medians.length > 1 && medians.every((c) => /^[+-]\d+,\d{4}$/.test(c)), `medians ${medians.join(' ')}`);
  const left = await english(page, '[data-testid="markers-view"]', UNTRANSLATED.markers);
  assert.deepEqual(left, [], `English left in the Markers view: ${left.join(' | ')}`);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  await screenshot(page, 'german-markers');
  // A second marker colours the dots: the caption names its colours in German.
  const colours = await page.$$eval('[data-testid="dependence-colour"] option', (os) => os.map((o) => o.value));
  await page.selectOption('[data-testid="dependence-colour"]', colours[1]);
  await page.waitForFunction(() => document.querySelector('[data-testid="dependence-chart"]')?.closest('figure')?.innerText.includes('Farbe: '), null, { timeout: 60_000 });
  await settled(page, 'markers-view', 60_000);
  const leftColoured = await english(page, '[data-testid="markers-view"]', UNTRANSLATED.markers);
  assert.deepEqual(leftColoured, [], `English left in the Markers view: ${leftColoured.join(' | ')}`);
  await screenshot(page, 'german-markers-coloured');
  await page.selectOption('[data-testid="dependence-colour"]', '');
  assert.deepEqual(env.errors, [], 'no console errors');
});

test('the Teaching view speaks German, with German numbers, also once it has settled', async () => {
  const { page } = env;
  await page.click('nav.views >> text=Lehre');
  await page.waitForSelector('[data-testid="teaching-view"]');
  // While the worker computes, the view's own texts are German already.
  const early = await english(page, '[data-testid="teaching-view"]', UNTRANSLATED.teaching);
  assert.deepEqual(early, [], `English left in the Teaching view: ${early.join(' | ')}`);
  await page.waitForSelector('[data-testid="teaching-patient"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="fidelity-table"]', { state: 'attached', timeout: 120_000 });
  await settled(page, 'teaching-view', 120_000);
  assert.equal(await page.innerText('#teaching-heading'), 'Lehrmodus: die eingebaute Wahrheit neben der Erklärung');
  assert.match(await page.innerText('[data-testid="teaching-patient"] h3'), /^Patient \S+$/);
  assert.match(await page.innerText('[data-testid="agreement"]'), /^Bei Patient \S+ /);
  // Figures with the decimal comma; the German interval and the measured study's German date.
  assert.match(await page.innerText('[data-testid="fidelity-auroc"] dd'), /^0,\d\d \(0,\d\d–[01],\d\d\)$|^–$/);
  assert.match(await page.innerText('[data-testid="model-cindex"] dd'), /^0,\d{3}$/);
  assert.match(await page.innerText('[data-testid="fidelity-top5"] dd'), /^\d von 5$/);
  assert.match(await page.innerText('[data-testid="fidelity-summary"]'), /^Gemessen an der Wahrheit/);
  assert.match(await page.innerText('[data-testid="fidelity-measured"]'), /^Nativ gemessen \(05\.12\.2026, /);
  const cells = await page.$$eval('[data-testid="truth-table"] tbody td.num', (tds) => tds.map((t) => t.textContent));
  assert.ok(cells.length > 3 && cells.every((c) => /^[+-]\d+,\d{3}$/.test(c)), `contributions ${cells.join(' ')}`);
  const verdicts = await page.$$eval('[data-testid="truth-table"] tbody td:nth-child(5)', (tds) => tds.map((t) => t.textContent));
  const known = ['stimmt überein', 'zugeschrieben, kein eingebauter Effekt', 'vom Modell übersehen', 'entgegengesetzte Richtung', 'gering'];
  assert.ok(verdicts.every((v) => known.includes(v)), `verdicts ${verdicts.join(' | ')}`);
  const importance = await page.$$eval('[data-testid="fidelity-table"] tbody td.num:nth-child(3)', (tds) => tds.map((t) => t.textContent));
  assert.ok(importance.length > 5 && importance.every((c) => /^\d+,\d{3}$/.test(c)), `importance ${importance.join(' ')}`);
  const interactions = await page.$$eval('[data-testid="planted-interactions"] li', (lis) => lis.map((li) => li.textContent));
  assert.ok(interactions.length >= 1, 'planted interactions listed');
  for (const li of interactions) {
    assert.match(li, / × .*: .*(Nachweisbar|Nicht nachweisbar) bei \d+ Patientinnen und Patienten/, li);
  }
  // The tables beside the charts opened: the planted effects' formulas read in German.
  for (const summary of await page.$$('[data-testid="teaching-view"] details > summary')) await summary.click();
  const effects = await page.$$eval('[data-testid="truth-table"] tbody td:nth-child(6)', (tds) => tds.map((t) => t.textContent));
  assert.ok(effects.some((e) => /^(je Stufe|Knickstelle|Schwelle|log-linear über|U-Form|keiner)/.test(e)), `effects ${effects.join(' | ')}`);
  assert.ok(effects.every((e) => !/\d\.\d/.test(e)), `effects ${effects.join(' | ')}`);
  const left = await english(page, '[data-testid="teaching-view"]', UNTRANSLATED.teaching);
  assert.deepEqual(left, [], `English left in the Teaching view: ${left.join(' | ')}`);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  // From the top, so that the tables' sticky heads sit on their tables in the full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'german-teaching-full');
  for (const summary of await page.$$('[data-testid="teaching-view"] details > summary')) await summary.click();
  // Another patient: the comparison follows, still in German.
  const first = await page.getAttribute('[data-testid="teaching-patient"]', 'data-patient-id');
  await page.click('.patient-table tbody tr:nth-child(4)');
  await page.waitForFunction((id) => document.querySelector('[data-testid="teaching-patient"]')?.dataset.patientId !== id, first, { timeout: 60_000 });
  await settled(page, 'teaching-view', 60_000);
  assert.match(await page.innerText('[data-testid="agreement"]'), /^Bei Patient \S+ /);
  const leftOther = await english(page, '[data-testid="teaching-view"]', UNTRANSLATED.teaching);
  assert.deepEqual(leftOther, [], `English left in the Teaching view: ${leftOther.join(' | ')}`);
  await screenshot(page, 'german-teaching-other');
  assert.deepEqual(env.errors, [], 'no console errors');
});

test('the Interactions view speaks German, with German numbers, for the default method and the couplings', async () => {
  const { page } = env;
  await page.click('nav.views >> text=Interaktionen');
  await page.waitForSelector('[data-testid="interactions-view"]');
  // While the worker arranges the view, its own texts are German already.
  const early = await english(page, '[data-testid="interactions-view"]', UNTRANSLATED.interactions);
  assert.deepEqual(early, [], `English left in the Interactions view: ${early.join(' | ')}`);
  await page.waitForSelector('[data-testid="confirmed-table"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="pair-km-table"]', { state: 'attached', timeout: 120_000 });
  await settled(page, 'interactions-view', 120_000);
  assert.equal(await page.innerText('#interactions-heading'), 'Interaktionen zwischen Markern');
  assert.equal(await page.innerText('#pair-heading'), 'Ein Paar aus der Nähe');
  assert.equal(
    await page.$eval('[data-testid="interaction-method"]', (s) => s.selectedOptions[0].textContent),
    'An Endpunkten bestätigt (Standard)',
  );
  assert.match(await page.innerText('[data-testid="declared-count"]'), /^\d+ von \d+ getesteten Paaren als Interaktion ausgewiesen$/);
  assert.match(await page.innerText('[data-testid="interaction-calibration-headline"]'),
    /^Gemessen bei 600 Personen, der Größe, die den 600 Personen dieser Kohorte am nächsten liegt: In \d+ synthetischen Kohorten/);
  assert.match(await page.textContent('[data-testid="interaction-calibration"]'),
    /^Wie oft dieses Verfahren irrt, gemessen an synthetischen Kohorten mit bekannter Wahrheit \(06\.12\.2026, Falscherkennungsrate 0,05, /);
  const header = await page.$$eval('[data-testid="confirmed-table"] thead th', (ths) => ths.map((t) => t.textContent));
  assert.ok(header.includes('Hazard Ratio (95-%-KI)') && header.includes('q-Wert'), header.join(' | '));
  // Hazard ratios, p- and q-values with the decimal comma.
  const numbers = await page.$$eval('[data-testid="confirmed-table"] tbody td.num', (tds) => tds.map((t) => t.textContent));
  assert.ok(numbers.length > 3 && numbers.every((c) => !/\d\.\d/.test(c)), `numbers ${numbers.join(' ')}`);
  assert.ok(numbers.some((c) => /\d,\d/.test(c)), `numbers ${numbers.join(' ')}`);
  assert.match(await page.innerText('[data-testid="planted-ranks"]'), /BRAF-Mutation × BRAF\/MEK-gerichtete Therapie: (erkennbar|nicht erkennbar) \(Orakel-Power \d,\d{2}\)/);
  assert.match(await page.textContent('[data-testid="pair-km-table"] thead'), /Median \(Monate\)/);
  const left = await english(page, '[data-testid="interactions-view"]', UNTRANSLATED.interactions);
  assert.deepEqual(left, [], `English left in the Interactions view: ${left.join(' | ')}`);
  // The tables behind "Zahlen als Tabelle" and the closed calibration details too.
  const folded = await englishFolded(page, '[data-testid="interactions-view"]', UNTRANSLATED.interactions);
  assert.deepEqual(folded, [], `English left in the Interactions view's folded parts: ${folded.join(' | ')}`);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  await screenshot(page, 'german-interactions');
  // The network couplings: caption, count, table, heatmap and the relevance plot.
  await page.selectOption('[data-testid="interaction-method"]', 'Network coupling: relevance split');
  await page.waitForSelector('[data-testid="interaction-table"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="pair-table"]', { state: 'attached', timeout: 60_000 });
  await settled(page, 'interactions-view', 60_000);
  await waitForCanvas(page, 'pair-chart');
  assert.match(await page.innerText('[data-testid="coupling-caption"]'), /^Netzkopplungen, nicht an Endpunkten getestet:/);
  assert.match(await page.innerText('[data-testid="significant-count"]'), /^\d+ von \d+ geordneten Paaren fallen unter dieser Beschreibung auf$/);
  const effects = await page.$$eval('[data-testid="interaction-table"] tbody td.num:nth-child(5)', (tds) => tds.map((t) => t.textContent));
  assert.ok(effects.length > 3 && effects.every((c) => /^[+-]\d,\d{3}$/.test(c)), `effects ${effects.join(' ')}`);
  // A binary marker's levels in German in the pair plot's table (its boxes).
  const levels = await page.$$eval('[data-testid="pair-table"] tbody td:first-child', (tds) => tds.map((t) => t.textContent));
  assert.ok(levels.length > 0 && !levels.some((l) => l === 'yes' || l === 'no'), levels.join(' | '));
  const methods = await page.$$eval('[data-testid="interaction-table"] tbody td:nth-child(4)', (tds) => tds.map((t) => t.textContent));
  assert.ok(methods.every((m) => m === 'Netzkopplung: Relevanzaufteilung'), methods.join(' | '));
  const leftCouplings = await english(page, '[data-testid="interactions-view"]', UNTRANSLATED.interactions);
  assert.deepEqual(leftCouplings, [], `English left in the couplings: ${leftCouplings.join(' | ')}`);
  const foldedCouplings = await englishFolded(page, '[data-testid="interactions-view"]', UNTRANSLATED.interactions);
  assert.deepEqual(foldedCouplings, [], `English left in the couplings' folded parts: ${foldedCouplings.join(' | ')}`);
  const couplingViolations = await axeViolations(page);
  assert.deepEqual(couplingViolations, [], couplingViolations.join('\n'));
  await screenshot(page, 'german-interactions-couplings');
  await page.selectOption('[data-testid="interaction-method"]', 'Confirmed on outcomes (default)');
  await page.waitForSelector('[data-testid="confirmed-table"]', { timeout: 60_000 });
  assert.deepEqual(env.errors, [], 'no console errors');
});

test('the Data panel opened speaks German', async () => {
  const { page } = env;
  const open = await page.$eval('[data-testid="data-panel"]', (d) => d.open);
  if (!open) await page.click('[data-testid="data-panel"] > summary');
  await page.waitForFunction(() => document.querySelector('[data-testid="data-panel"]').open);
  assert.match(await page.innerText('[data-testid="current-cohort"]'), /^Angezeigt: /);
  assert.equal(await page.innerText('#bundled-heading'), 'Mitgelieferte Kohorten');
  assert.equal(await page.innerText('#file-heading'), 'Ihre eigene Datei');
  assert.equal(await page.innerText('#fhir-heading'), 'FHIR-R4-Export');
  assert.equal(await page.innerText('[data-testid="open-bundled"]'), 'Diese Kohorte trainieren und erklären');
  // The default model's cohort size with the German thousands point.
  assert.match(await page.innerText('#patients-help'), /^15\.726 ist die eigene Kohorte des Standardmodells/);
  const left = await english(page, '[data-testid="data-panel"]', UNTRANSLATED.data);
  assert.deepEqual(left, [], `English left in the Data panel: ${left.join(' | ')}`);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  await screenshot(page, 'german-data');
  await page.click('[data-testid="data-panel"] > summary');
  await page.waitForFunction(() => !document.querySelector('[data-testid="data-panel"]').open);
});

test('the Model view speaks German, with German numbers, also once it has settled', async () => {
  const { page } = env;
  await page.click('nav.views >> text=Modell');
  await page.waitForSelector('[data-testid="metric-harrell"]', { timeout: 60_000 });
  assert.equal(await page.innerText('[data-testid="model-view"] h2'), 'Das Modell: wie es trainiert wurde, wie gut es vorhersagt');
  // The estimates with the decimal comma and the German interval.
  assert.match(await page.innerText('[data-testid="metric-harrell"] td.num'), /^0,\d{3} \(95-%-KI 0,\d{3}–0,\d{3}\)$/);
  assert.match(await page.innerText('[data-testid="split"]'), /^Das Modell wurde an \d+ Personen entwickelt/);
  const early = await english(page, '[data-testid="model-view"]', UNTRANSLATED.model);
  assert.deepEqual(early, [], `English left in the Model view: ${early.join(' | ')}`);
  await page.waitForSelector('[data-testid="faithfulness-table"]', { timeout: 60_000 });
  await settled(page, 'model-view', 60_000);
  assert.match(await page.innerText('[data-testid="calibration-summary"] >> nth=0'), /^D'Agostino-Nam-Test: Chi-Quadrat \d+,\d bei \d+ Freiheitsgraden/);
  const methods = await page.$$eval('[data-testid="faithfulness-table"] tbody td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  assert.ok(methods.includes('Gradient × Eingabe') && methods.includes('Integrierte Gradienten'), methods.join(' | '));
  const faithfulness = await page.$$eval('[data-testid="faithfulness-table"] tbody td[data-value]', (tds) => tds.map((t) => t.textContent));
  assert.ok(faithfulness.every((f) => /^[+-]\d+,\d{3}$/.test(f)), faithfulness.join(' '));
  const left = await english(page, '[data-testid="model-view"]', UNTRANSLATED.model);
  assert.deepEqual(left, [], `English left in the settled Model view: ${left.join(' | ')}`);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  await screenshot(page, 'german-model-full');
  assert.deepEqual(env.errors, [], 'no console errors');
});

test('every view in German has no WCAG 2.1 A/AA violation and is saved as a screenshot', async () => {
  const { page } = env;
  const found = [];
  for (const [label, testid] of VIEWS) {
    await page.click(`nav.views >> text=${label}`);
    await settled(page, testid, 60_000);
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    for (const v of await axeViolations(page)) found.push(`${label}: ${v}`);
    await screenshot(page, `german-${testid.replace(/-view$/, '')}`);
  }
  assert.deepEqual(found, [], `axe-core found:\n${found.join('\n')}`);
});

test('keyboard only, in German: every view opens from its link and every control takes a visible focus', async () => {
  const { page } = env;
  await page.click('nav.views >> text=Patient');
  await settled(page, 'patient-view', 60_000);
  await page.evaluate(() => document.activeElement?.blur());
  const problems = await keyboardWalk(page, VIEWS);
  assert.deepEqual(problems, [], problems.join('\n'));
  assert.deepEqual(env.errors, [], 'no console errors');
});

// Last, because a refused file leaves its problem on screen: a model file the page cannot
// use is refused with its reason in German, the model crate's and the ONNX reader's
// sentences included, and the cohort on screen stays.
for (const [file, german, english] of [
  ['bad/model/nan_weight.json', ['Modelldatei: Netzschicht 0', 'keine endliche Zahl'], 'not a finite number'],
  ['bad/model/truncated_half.json', ['das JSON endet vorzeitig', 'die Datei ist unvollständig'], 'the file is truncated'],
  ['bad/onnx/unsupported_tanh.onnx', ['ONNX-Knoten „/1/Tanh“', 'wird nicht unterstützt'], 'is not supported'],
]) {
  const name = file.split('/').pop();
  test(`a refused model file (${name}) says why in German`, async () => {
    const { page } = env;
    const before = await page.textContent('[data-testid="current-cohort"]');
    const open = await page.$eval('[data-testid="data-panel"]', (d) => d.open);
    if (!open) await page.click('[data-testid="data-panel"] > summary');
    await page.setInputFiles('[data-testid="model-input"]', join(root, 'tests', 'fixtures', file));
    await page.waitForFunction(
      (t) => document.querySelector('[data-testid="model-file"] strong')?.textContent === t, name);
    // The file's kind and the cohort it would explain are named in German too.
    const section = await page.textContent('[data-testid="model-file"]');
    assert.ok(section.includes(name.endsWith('.onnx') ? ': ONNX-Netz' : ': survlens-Modelldatei (JSON)'), section);
    for (const phrase of ['ONNX network', 'model file (JSON)', 'cohort, default model']) {
      assert.ok(!section.includes(phrase), `English left in the model file's section: ${phrase}`);
    }
    await page.click('[data-testid="apply-model"]');
    await page.waitForFunction(
      (t) => document.querySelector('[data-testid="model-error"] h2')?.textContent.includes(t), name,
      { timeout: 60_000 });
    assert.equal(
      await page.textContent('[data-testid="model-error"] h2'),
      `Die Modelldatei ${name} konnte nicht verwendet werden`,
    );
    const reason = await page.textContent('[data-testid="model-error"] p');
    for (const part of german) assert.ok(reason.includes(part), `"${part}" in: ${reason}`);
    assert.ok(!reason.includes(english), `English left: ${reason}`);
    assert.equal(await page.textContent('[data-testid="current-cohort"]'), before, 'the cohort stays');
    await screenshot(page, `german-model-refused-${name.replace(/\.\w+$/, '')}`);
    assert.deepEqual(env.errors, [], 'no console errors');
  });
}
