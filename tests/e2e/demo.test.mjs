// The first slice end to end: the page opens on the synthetic pan-cancer cohort, explains
// every patient with the embedded default model in its worker and shows one patient's
// contributions, all in the tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  serveDist, launch, openPage, screenshot, waitForPatientView, root, privacyBreaches, dist,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The page's opening cohort computed natively by the command-line tool, as JSON. */
function nativeDemo() {
  const exe = join(root, 'target', 'release', 'survlens');
  const args = ['demo', '--cohort', 'pan-cancer', '--json'];
  const out = existsSync(exe)
    ? execFileSync(exe, args, { maxBuffer: 1 << 30 })
    : execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'survlens-cli', '--', ...args],
      { cwd: root, maxBuffer: 1 << 30 });
  return JSON.parse(out.toString());
}

test('patient view renders a non-empty chart whose numbers match a native run with the same seed', async () => {
  const { page, errors } = await openPage(browser.context, server.origin);
  await waitForPatientView(page);
  const shot = await screenshot(page, 'demo-patient-view');

  // The chart canvas has drawn bars: count pixels in the two direction colours.
  const coloured = await page.$eval('[data-testid="contribution-chart"]', (c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      const vermillion = Math.abs(r - 0xd5) < 8 && Math.abs(g - 0x5e) < 8 && b < 10;
      const blue = r < 10 && Math.abs(g - 0x72) < 8 && Math.abs(b - 0xb2) < 8;
      if (vermillion || blue) n += 1;
    }
    return n;
  });
  assert.ok(coloured > 500, `chart should show coloured bars, found ${coloured} pixels (${shot})`);

  const id = await page.getAttribute('[data-testid="patient-view"]', 'data-patient-id');
  const risk = Number(await page.getAttribute('[data-testid="risk-score"]', 'data-value'));
  const rows = await page.$$eval('[data-testid="contribution-table"] tbody tr[data-marker]', (trs) =>
    trs.map((tr) => ({ marker: tr.dataset.marker, relevance: Number(tr.querySelector('[data-value]').dataset.value) })));
  assert.ok(rows.length >= 5, 'the table lists the top contributions');

  const native = nativeDemo();
  const i = native.patient_ids.indexOf(id);
  assert.ok(i >= 0, `patient ${id} is in the native run`);
  // Tolerance: the page runs the same Rust code compiled to wasm32; floating-point
  // summation order in the matrix kernels differs between targets, nothing else does.
  const tol = (x) => 2e-3 * Math.max(1, Math.abs(x));
  assert.ok(Math.abs(risk - native.risk[i]) <= tol(native.risk[i]),
    `risk ${risk} vs native ${native.risk[i]}`);
  const m = native.marker_ids.length;
  for (const { marker, relevance } of rows) {
    const j = native.marker_ids.indexOf(marker);
    assert.ok(j >= 0, `marker ${marker} is in the native run`);
    const want = native.relevance[i * m + j];
    assert.ok(Math.abs(relevance - want) <= tol(want), `${marker}: ${relevance} vs native ${want}`);
  }
  assert.deepEqual(errors, [], 'no console errors');
});

test('the page talks to no host but its own origin, to nothing after the demo is ready, and stores nothing', async () => {
  const { page, requests, errors } = await openPage(browser.context, server.origin);
  await waitForPatientView(page);
  const ready = Date.now();
  // Use the page: pick other patients, search; none of it may cause a request.
  const rows = page.locator('.patient-table tbody tr');
  await rows.nth(3).click();
  await page.fill('input[type="search"]', 'P0');
  await rows.nth(0).press('Enter');
  await page.waitForTimeout(500);
  await screenshot(page, 'demo-after-use');
  // The harness checks this page again when the file's tests are over.
  assert.deepEqual(privacyBreaches({ page, requests, url: server.origin, loadedAt: ready }),
    { foreign: [], late: [] }, 'no request to any other host, none once the demo is ready');
  // The second content security policy that forbids all connections is in place.
  const policies = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (ms) => ms.map((m) => m.content));
  assert.ok(policies.includes("connect-src 'none'"), `policies: ${policies}`);
  const blocked = await page.evaluate(async () => {
    try { await fetch('/index.html'); return false; } catch { return true; }
  });
  assert.ok(blocked, 'fetch is refused by the page once it runs');
  // Nothing about the patients is kept in the browser: no storage was written, and the
  // service worker's cache holds the page's own files, exactly those of the build.
  const stored = await page.evaluate(async () => {
    const cached = [];
    for (const name of await caches.keys()) {
      for (const r of await (await caches.open(name)).keys()) cached.push(new URL(r.url).pathname);
    }
    return {
      local: localStorage.length,
      session: sessionStorage.length,
      indexedDb: (await indexedDB.databases()).length,
      cookies: document.cookie.length,
      cached: cached.sort(),
    };
  });
  const built = (await readdir(dist)).filter((f) => f !== 'sw.js').map((f) => `/${f}`).sort();
  assert.deepEqual(stored, { local: 0, session: 0, indexedDb: 0, cookies: 0, cached: built });
  assert.deepEqual(errors.filter((e) => !e.includes('Content Security Policy')), []);
});
