// The built page served on 127.0.0.1 and screenshots of it: what the end-to-end tests and
// the browser benchmarks share (the tests' own hooks live in harness.mjs).
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, extname, resolve, dirname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
// SURVLENS_DIST points the tests at another build of the page (default: dist/).
export const dist = process.env.SURVLENS_DIST ?? join(root, 'dist');
export const artifacts = join(here, 'artifacts');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves dist/ (or `dir`) on an ephemeral loopback port; unknown paths fall back to
 * index.html. `use(other)` serves another build at the same address from then on, as a
 * deployment of a new version would.
 */
export async function serveDist(dir = dist) {
  let served = dir;
  const use = (other) => {
    if (!existsSync(join(other, 'index.html'))) {
      throw new Error(`${other}/index.html is missing: run \`trunk build --release\` first`);
    }
    served = other;
  };
  use(dir);
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    let file = join(served, path);
    if (!file.startsWith(served) || !existsSync(file) || path === '/') file = join(served, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    use,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

