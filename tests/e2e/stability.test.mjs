// How stable, end to end: the note beside the waterfall appears for the default cohort's
// patient (one network: the members' part says why it is not available) and for the
// teaching cohort's (networks averaged by the auto recipe: their agreement is stated),
// with no console errors. Prints the worker's time for one note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withBrowser, openPage, screenshot, waitForPatientView, artifacts, TEACHING } from './harness.mjs';

const env = withBrowser();

async function note(page) {
  await page.waitForSelector('[data-testid="stability-note"]', { timeout: 60_000 });
  const text = await page.textContent('[data-testid="stability-note"]');
  const ms = Number(await page.getAttribute('[data-testid="stability-note"]', 'data-ms'));
  const members = Number(await page.getAttribute('[data-testid="stability-note"]', 'data-members'));
  return { text, ms, members };
}

test('the default cohort\'s patient has a stability note; its single network is said so', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/');
  await waitForPatientView(page);
  const { text, ms, members } = await note(page);
  assert.match(text, /(the same top 10 markers in all|of the top 10 markers stayed in the top 10 in) 32 slightly perturbed copies/);
  assert.match(text, /about 5% of its interquartile range/);
  assert.match(text, /the top 3 kept their order in \d+ of 32/);
  assert.match(text, /not available: this model is a single network/);
  assert.equal(members, 0);
  console.log(`stability note in the worker (default cohort): ${ms.toFixed(2)} ms`);
  await page.$eval('[data-testid="stability"]', (el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'patient-stability-default');
  await page.locator('.patient-main').screenshot({ path: join(artifacts, 'patient-stability-note.png'), clip: undefined });
  assert.deepEqual(errors, [], 'no console errors');
});

test('the teaching cohort\'s averaged networks are compared', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + TEACHING);
  await waitForPatientView(page);
  const { text, ms, members } = await note(page);
  assert.ok(members >= 2, `${members} members`);
  assert.match(text, new RegExp(`The ${members} networks averaged in this model`));
  console.log(`stability note in the worker (teaching cohort): ${ms.toFixed(2)} ms`);
  await page.$eval('[data-testid="stability"]', (el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'patient-stability-teaching');
  assert.deepEqual(errors, [], 'no console errors');
});
