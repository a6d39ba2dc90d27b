// survlens' service worker: keeps the page's own files so that it opens without a network
// after the first visit. The build writes it to sw.js from this template, replacing BUILD
// with the built files and their content hashes (tools/offline/service-worker.mjs).
//
// It caches the built files and nothing else: never a response it was not told about,
// never anything the page computes, never patient data.
'use strict';

/**
 * This build: `version` names its cache (a hash of this template and of every file's
 * hash, so any changed byte gives a new cache); `files` are the paths relative to this script with their SHA-384
 * (subresource-integrity form), `index.html` among them.
 */
const BUILD = __SURVLENS_BUILD__;

const PREFIX = 'survlens-';
const CACHE = PREFIX + BUILD.version;
const INDEX = new URL('index.html', self.location).href;
/** The page that reloads itself while a newer build takes over (no icon: nothing to fetch). */
const HANDOVER = '<!doctype html><title>survlens</title><link rel="icon" href="data:,">'
  + '<script>location.reload()</script>';

// Install: fetch every file of this build into a cache of its own. The browser's HTTP cache
// is revalidated and each body is checked against the hash the build recorded, so a cache
// never mixes two builds; if any file fails, the install fails and the previous build
// keeps serving.
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      await Promise.all(BUILD.files.map(async ({ path, integrity }) => {
        const url = new URL(path, self.location).href;
        const response = await fetch(url, { cache: 'no-cache', integrity });
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        await cache.put(url, response);
      }));
    } catch (error) {
      await caches.delete(CACHE);
      throw error;
    }
  })());
});

// Activate: this build replaces every earlier one, whose caches are deleted, and takes
// charge of the open page at once (on a first visit the page was loaded from the network,
// file for file the build just cached).
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// A newer build waits, installed, until a navigation hands over to it (see `respond`),
// which tells it here to start.
self.addEventListener('message', (event) => {
  if (event.data === 'survlens-activate') self.skipWaiting();
});

// Cache first: the page's own files come from this build's cache; anything else (nothing,
// while the page keeps its promise) goes to the network as if there were no worker.
self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});

async function respond(request) {
  if (request.mode === 'navigate') {
    // A page loads all its files when it opens and none afterwards, so a page that has
    // opened never mixes builds whoever answers later. A newer build takes over on a
    // navigation when at most one page is open (this reload replaces it, or it is another
    // tab); with more, it waits until they are closed. The answer reloads the same address,
    // views included, and the reload is answered by the newer build (or, while it is still
    // starting, by this answer again).
    const waiting = self.registration.waiting;
    if (waiting && (await self.clients.matchAll({ type: 'window' })).length <= 1) {
      waiting.postMessage('survlens-activate');
      return new Response(HANDOVER, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    // A file of the build opens as itself; every other address of the page (its views are
    // named in the fragment, a bundled cohort in the query) opens the same index.html.
    return (await cached(request)) ?? (await cached(INDEX)) ?? fetch(request);
  }
  return (await cached(request)) ?? fetch(request);
}

/** This build's copy of `request` (a Request or an address), or undefined. */
const cached = (request) => caches.match(request, { cacheName: CACHE });
