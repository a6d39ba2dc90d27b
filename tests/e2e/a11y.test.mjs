// Accessibility end to end: axe-core (the engine the field's audits use) checks every view
// against WCAG 2.1 levels A and AA once its content has arrived, on the teaching cohort and
// on the default pan-cancer cohort. A violation fails the test with the rule, the element
// and axe's own explanation, so the fix can be found from the log alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, screenshot, TEACHING, axeViolations } from './harness.mjs';

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

/**
 * Waits until a view's computations have answered (no "computing" placeholder left in it),
 * for at most `patience` ms: a search still running is checked as it shows.
 */
async function settled(page, testid, patience) {
  await page.waitForSelector(`[data-testid="${testid}"]`);
  await page.waitForFunction(
    (id) => document.querySelectorAll(
      `[data-testid="${id}"] .computing, [data-testid="${id}"] [aria-busy="true"]`).length === 0,
    testid,
    { timeout: patience },
  ).catch(() => {});
}

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
const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), '
  + 'select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

test('keyboard only: every view opens from the keyboard and every control in it takes a visible focus', async () => {
  const { page } = await openPage(env.browser.context, env.server.origin + TEACHING);
  /** Presses Tab until `done` holds for the focused element; the presses it took. */
  const tabUntil = async (done, arg, most = 600) => {
    for (let k = 1; k <= most; k += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(done, arg)) return k;
    }
    throw new Error(`no focused element matched after ${most} presses of Tab`);
  };
  const problems = [];
  for (const [label, testid] of VIEWS) {
    // The view's link in the navigation, reached and followed with the keyboard alone.
    await tabUntil((text) => {
      const el = document.activeElement;
      return el?.matches('nav.views a') && el.textContent.trim() === text;
    }, label);
    await page.keyboard.press('Enter');
    await settled(page, testid, 60_000);
    // Every control of the view, in tab order: each is reached, and shows where focus is.
    // A group of radio buttons is one stop of the tab order (its checked button; the arrow
    // keys move within it), as the HTML and ARIA practices define it.
    // A control inside a closed disclosure (a chart's "numbers as a table") is not shown
    // and not in the tab order until it is opened, though Chromium still gives it a box.
    const expected = await page.$$eval(`[data-testid="${testid}"] :is(${TABBABLE})`, (els) =>
      els.filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
        .filter((el) => el.closest('summary') || !el.closest('details:not([open])'))
        .filter((el) => el.type !== 'radio' || el.checked
          || !document.querySelector(`input[type="radio"][name="${el.name}"]:checked`))
        .length);
    const seen = new Set();
    for (let k = 0; k < expected + 400 && seen.size < expected; k += 1) {
      await page.keyboard.press('Tab');
      const here = await page.evaluate((id) => {
        const el = document.activeElement;
        if (!el || !el.closest(`[data-testid="${id}"]`)) return null;
        const style = getComputedStyle(el);
        const marked = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
          || style.boxShadow !== 'none';
        const path = [];
        for (let e = el; e && e !== document.body; e = e.parentElement) {
          path.unshift(`${e.tagName}:${[...(e.parentElement?.children ?? [])].indexOf(e)}`);
        }
        return { path: path.join('/'), marked, name: el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 40) };
      }, testid);
      if (here && !seen.has(here.path)) {
        seen.add(here.path);
        if (!here.marked) {
          problems.push(`${label}: "${here.name}" takes focus without a visible outline`);
        }
      }
    }
    if (seen.size < expected) {
      problems.push(`${label}: ${seen.size} of ${expected} controls reached with Tab`);
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});
