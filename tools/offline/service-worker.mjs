// Writes the page's service worker, sw.js, into a built page directory: web/service-worker.js
// with this build's files and their SHA-384 hashes. Trunk runs it after every build (the
// post_build hook in Trunk.toml, which sets TRUNK_STAGING_DIR); it also takes a directory:
//
//   node tools/offline/service-worker.mjs dist
//
// The cache's version is a hash of the template and of every file's hash, so a build that
// changes any byte, of a hashed file or of the unhashed worker.js and worker_bg.wasm, gets
// a new cache, and the browser installs it on the next visit (sw.js itself has changed).
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const template = join(root, 'web', 'service-worker.js');
const OUTPUT = 'sw.js';

/** Every file under `dir`, as sorted '/'-separated paths relative to it. */
async function files(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    // Dot files are Trunk's staging leftovers, never part of the page.
    .filter((path) => path !== OUTPUT && !path.split('/').some((part) => part.startsWith('.')))
    .sort();
}

// Trunk's development server adds its reload script to the page and rewrites it as it
// serves it, so the page there registers no service worker (index.html), and sw.js is this
// one instead: it replaces a worker left on the same address by an earlier build, deletes
// its caches and unregisters itself, so that a rebuild is never hidden behind a cached build.
// The mark is the reload script's placeholder, which the server fills in as it serves.
const DEV_SERVER_MARK = '{{__TRUNK_ADDRESS__}}';
const RETIRING = `// survlens under Trunk's development server: no offline copy of the page.
'use strict';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith('survlens-')) await caches.delete(name);
  }
  await self.registration.unregister();
})()));
`;

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

async function main() {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error('usage: node tools/offline/service-worker.mjs <built page directory>');
  const source = await readFile(template, 'utf8');
  const list = [];
  for (const path of await files(dir)) {
    list.push({ path, integrity: sri(await readFile(join(dir, path))) });
  }
  if (!list.some((f) => f.path === 'index.html')) throw new Error(`${dir} has no index.html`);
  if ((await readFile(join(dir, 'index.html'), 'utf8')).includes(DEV_SERVER_MARK)) {
    await writeFile(join(dir, OUTPUT), RETIRING);
    console.log(`${OUTPUT}: development server, no offline copy`);
    return;
  }
  const version = createHash('sha256').update(source).update(JSON.stringify(list)).digest('hex')
    .slice(0, 16);
  const build = JSON.stringify({ version, files: list }, null, 2);
  if (!source.includes('__SURVLENS_BUILD__')) throw new Error(`${template} lost its placeholder`);
  await writeFile(join(dir, OUTPUT), source.replace('__SURVLENS_BUILD__', build));
  console.log(`${OUTPUT}: cache survlens-${version}, ${list.length} files`);
}

main().catch((error) => {
  console.error(`service worker: ${error.message}`);
  process.exit(1);
});
