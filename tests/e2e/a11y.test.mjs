// Accessibility end to end: axe-core (the engine the field's audits use) checks every view
// against WCAG 2.1 levels A and AA once its content has arrived, on the teaching cohort and
// on the default pan-cancer cohort. A violation fails the test with the rule, the element
// and axe's own explanation, so the fix can be found from the log alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, TEACHING, axeViolations, settled, keyboardWalk } from './harness.mjs';

const env = withBrowser();

/** The views in navigation order: the link's label and the view's test id. */
const VIEWS = [
  ['Patient', 'patient-view'],
  ['Cohort', 'cohort-view'],
  ['Markers', 'markers-view'],
  ['Interactions', 'interactions-view'],
  ['Model', 'model-view'],
  ['Teaching', 'teaching-view'],
];


for (const [cohort, address] of [['teaching', TEACHING], ['pan-cancer', '/']]) {
  test(`every view of the ${cohort} cohort has no WCAG 2.1 A/AA violation`, async () => {
    const { page } = await openPage(env.browser.context, env.server.origin + address);
    const found = [];
    for (const [label, testid] of VIEWS) {
      await page.click(`nav.views >> text=${label}`);
      await settled(page, testid, 60_000);
      for (const v of await axeViolations(page)) found.push(`${label}: ${v}`);
      await screenshot(page, `a11y-${cohort}-${testid}`);
    }
    assert.deepEqual(found, [], `axe-core found:\n${found.join('\n')}`);
  });
}

/** Every control a keyboard user can reach inside `root`, visible and enabled. */

test('keyboard only: every view opens from the keyboard and every control in it takes a visible focus', async () => {
  const { page } = await openPage(env.browser.context, env.server.origin + TEACHING);
  const problems = await keyboardWalk(page, VIEWS);
  assert.deepEqual(problems, [], problems.join('\n'));
});
