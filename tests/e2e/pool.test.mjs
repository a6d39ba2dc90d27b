// The pool of workers: with `?pool=2` the job worker starts a member (the same worker script
// under another name) and explains the cohort's patients in two contiguous shares. The whole
// cohort explained must equal the one-worker run (`?pool=1`) exactly: the relevance table of
// every patient downloads alike, and a patient of the member's share shows the same risk
// score and contributions. A member that stops (`?pool-fault=panic`) is survived: the job
// explains its share itself, the page reports no fault, and the cohort is the same.
// Training by the study's recipe (`?recipe=study`) splits every batch between the job worker
// and the member: the same pool trains the same network bit for bit, one worker trains it
// alike up to the order of each gradient's sum, and a member that stops leaves its share
// to the job worker. The `auto` recipe, the page's default, hands whole members of its ensemble
// to the member: any pool trains the very model of one worker, and a member that stops leaves
// its ensemble member to the job worker, with the same model again. The interaction search
// that follows hands the member a cross-fitted network, a fold's screens and batches of pair
// tests: the pairs it tests and declares are the one worker's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withBrowser, openPage, screenshot, artifacts, settled } from './harness.mjs';

const env = withBrowser();

/** Polls the job panel from the start of the visit until its progress line matches `re`. */
function progressSeen(re) {
  return async (page) => {
    await page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector('[data-testid="job"]')?.textContent ?? ''),
      re.source, { polling: 50, timeout: 300_000 });
  };
}

/** Records the job panel's progress lines from the start of the visit (`window.jobLines`). */
async function recordLines(page) {
  await page.evaluate(() => {
    window.jobLines = [];
    setInterval(() => {
      const text = document.querySelector('[data-testid="job"]')?.textContent ?? '';
      if (text && window.jobLines.at(-1) !== text) window.jobLines.push(text);
    }, 50);
  });
}

/** The Interactions view's count of declared pairs and its tested pairs, once the search is
 * done, with the progress lines recorded since the visit began. */
async function confirmedPairs(page) {
  await page.click('nav.views >> text=Interactions');
  await page.waitForSelector('[data-testid="confirmed-table"]', { timeout: 300_000 });
  return {
    declared: await page.textContent('[data-testid="declared-count"]'),
    rows: await page.$$eval('[data-testid="confirmed-table"] tbody tr',
      (trs) => trs.map((tr) => tr.textContent.trim())),
    lines: await page.evaluate(() => window.jobLines),
  };
}

/**
 * Opens `path`, waits for its whole cohort of `patients` explained, and returns the relevance
 * table's text, its digest, and what the page shows for the patient of row `row`.
 */
async function explained(path, patients, row, whileLoading) {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + path, { whileLoading });
  await page.waitForFunction(
    (n) => document.querySelector('nav.patients p.muted')?.textContent.includes(`of ${n} patients`),
    patients.toLocaleString('en-US'), { timeout: 300_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 300_000 }),
    page.click('[data-testid="export-relevance"]'),
  ]);
  const file = join(artifacts, `pool-${path.replace(/[^a-z0-9=]+/gi, '_')}.csv`);
  await download.saveAs(file);
  const text = await readFile(file, 'utf8');
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, patients + 1, 'header plus one row per patient');
  // A patient of the member's share (the second half), picked in the patient list.
  const id = lines[row + 1].split(',')[0];
  await page.fill('nav.patients input[type="search"]', id);
  await page.locator(`.patient-table tbody tr[data-patient="${id}"]`).click();
  await page.waitForFunction((want) => document.querySelector('[data-testid="patient-view"]')?.dataset.patientId === want, id);
  const risk = await page.getAttribute('[data-testid="risk-score"]', 'data-value');
  const contributions = await page.$$eval('[data-testid="contribution-table"] tbody tr[data-marker]',
    (trs) => trs.map((tr) => tr.textContent.trim()));
  assert.ok(contributions.length > 0, 'the patient\'s contributions are shown');
  assert.equal(Number(lines[row + 1].split(',')[1]), Number(risk), 'the table\'s prediction is the risk shown');
  return {
    page, errors, id, risk, contributions, lines: lines.length,
    digest: createHash('sha256').update(text).digest('hex'),
  };
}

test('two workers explain the default cohort exactly as one', async () => {
  const alone = await explained('/?pool=1', 15_726, 12_000);
  const pooled = await explained('/?pool=2', 15_726, 12_000, progressSeen(/Explaining every patient on 2 workers/));
  await screenshot(pooled.page, 'pool-2-patient');
  assert.equal(pooled.digest, alone.digest, 'every patient\'s prediction and relevances alike');
  assert.equal(pooled.id, alone.id);
  assert.equal(pooled.risk, alone.risk, 'the risk score shown');
  assert.deepEqual(pooled.contributions, alone.contributions, 'the contributions shown');
  assert.equal(await pooled.page.locator('[data-testid="worker-fault"]').count(), 0);
  assert.deepEqual(alone.errors, []);
  assert.deepEqual(pooled.errors, []);
});

test('a pool worker that stops is survived: the job explains its share, the same cohort results', async () => {
  const alone = await explained('/?patients=12000&pool=1', 12_000, 11_000);
  const survived = await explained('/?patients=12000&pool=2&pool-fault=panic', 12_000, 11_000,
    progressSeen(/a pool worker stopped; its patients are explained here/));
  await screenshot(survived.page, 'pool-member-fault');
  assert.equal(await survived.page.locator('[data-testid="worker-fault"]').count(), 0,
    'the page reports no fault: its worker is well');
  assert.equal(survived.digest, alone.digest);
  assert.equal(survived.risk, alone.risk);
  // The member's own panic message is the one error logged (its test hook's words).
  assert.deepEqual(survived.errors.filter((e) => !/pool-fault=panic/.test(e)), []);
});

/** The held-out C-index the Cohort view shows for the cohort on `page`, as a number. */
async function heldOutC(page) {
  await page.click('nav.views >> text=Cohort');
  await settled(page, 'cohort-view', 120_000);
  await page.waitForSelector('[data-testid="cindex-table"]', { timeout: 120_000 });
  const text = await page.innerText('[data-testid="cindex-table"] tr.overall td:last-child');
  const c = Number(text.split(' ')[0]);
  assert.ok(c > 0.5 && c < 1, `a held-out C-index: ${text}`);
  return c;
}

test('two workers train the study recipe\'s network data-parallel: the same bits each time, as one worker up to rounding', async () => {
  const study = '/?cohort=teaching&recipe=study';
  const alone = await explained(`${study}&pool=1`, 600, 500);
  const cAlone = await heldOutC(alone.page);
  const pooled = await explained(`${study}&pool=2`, 600, 500,
    progressSeen(/Training the network, each batch shared among 2 workers/));
  const cPooled = await heldOutC(pooled.page);
  await screenshot(pooled.page, 'pool-2-trained');
  const again = await explained(`${study}&pool=2`, 600, 500);
  assert.equal(again.digest, pooled.digest, 'the same pool, the same network and relevances');
  // Only the order of each batch's gradient sum differs from one worker.
  assert.ok(Math.abs(cPooled - cAlone) < 0.03, `held-out C ${cPooled} with two workers, ${cAlone} alone`);
  assert.equal(await pooled.page.locator('[data-testid="worker-fault"]').count(), 0);
  assert.deepEqual(alone.errors, []);
  assert.deepEqual(pooled.errors, []);
});

test('a pool worker that stops while the network trains leaves its share to the job worker', async () => {
  const survived = await explained('/?cohort=teaching&recipe=study&pool=2&pool-fault=panic', 600, 500,
    progressSeen(/a pool worker stopped; its share of the batches is trained here/));
  await heldOutC(survived.page);
  assert.equal(await survived.page.locator('[data-testid="worker-fault"]').count(), 0,
    'the page reports no fault: its worker is well');
  assert.deepEqual(survived.errors.filter((e) => !/pool-fault=panic/.test(e)), []);
});

test('two workers train the auto recipe\'s members side by side into the very model of one worker, search its interactions alike, and survive a stop', async () => {
  const alone = await explained('/?cohort=teaching&pool=1', 600, 500, recordLines);
  const aloneFound = await confirmedPairs(alone.page);
  const pooled = await explained('/?cohort=teaching&pool=2', 600, 500, async (page) => {
    await recordLines(page);
    await progressSeen(/one more network trains in another worker/)(page);
  });
  await screenshot(pooled.page, 'pool-2-auto-trained');
  assert.equal(pooled.digest, alone.digest, 'the same model and relevances, bit for bit');
  assert.equal(pooled.risk, alone.risk);
  const pooledFound = await confirmedPairs(pooled.page);
  await screenshot(pooled.page, 'pool-2-interactions');
  assert.ok(aloneFound.rows.length > 0, 'pairs were tested');
  assert.deepEqual(pooledFound.rows, aloneFound.rows, 'the same pairs tested, with the same figures');
  assert.equal(pooledFound.declared, aloneFound.declared);
  assert.ok(pooledFound.lines.some((l) => /one more part of the search runs in another worker/.test(l)),
    `a fold or a batch of tests ran in the member: ${pooledFound.lines.filter((l) => /Interactions/.test(l)).join(' | ')}`);
  assert.ok(!aloneFound.lines.some((l) => /another worker/.test(l)), 'one worker hands out nothing');
  // Checked before the next page: a member's panic there is logged in the same browser.
  assert.deepEqual(alone.errors, []);
  assert.deepEqual(pooled.errors, []);
  const survived = await explained('/?cohort=teaching&pool=2&pool-fault=panic', 600, 500,
    progressSeen(/a pool worker stopped; its network is trained here/));
  assert.equal(survived.digest, alone.digest, 'the job trained the stopped worker\'s member alike');
  assert.equal(await survived.page.locator('[data-testid="worker-fault"]').count(), 0,
    'the page reports no fault: its worker is well');
  assert.deepEqual(survived.errors.filter((e) => !/pool-fault=panic/.test(e)), []);
});
