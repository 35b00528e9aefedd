// Persona Playground's service worker. It precaches the app's own files
// (the list and the version are written in by scripts/precache.mjs after
// each build) and serves them from the cache, so the app opens, parses,
// copies, exports and opens share links with no network. It never stores
// anything a person typed: the library stays in localStorage, and share
// links live in the URL's fragment, which no request carries.
//
// The tokenizer's files (megabytes) are not precached: they are cached
// the first time the app asks for them, and a new version takes them over
// from the old cache when their names (content hashes) did not change.
//
// A new build installs beside the old one and waits: the page says "A new
// version is ready" and the person chooses when to reload (the page then
// asks this worker to take over). When a version takes over, the caches
// of older versions are removed.
const VERSION = '__PRECACHE_VERSION__';
const FILES = __PRECACHE_FILES__;
const LATER = __LATER_FILES__;
const PREFIX = 'persona-playground-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // Past the HTTP cache: a host that caches index.html for a while must
  // not give a new version the old page, which names the old files.
  const requests = FILES.map((f) => new Request(f, { cache: 'no-cache' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const key of await caches.keys()) {
        if (!key.startsWith(PREFIX) || key === CACHE) continue;
        const old = await caches.open(key);
        for (const f of LATER) {
          const kept = await old.match(f);
          if (kept && !(await cache.match(f))) await cache.put(f, kept);
        }
        await caches.delete(key);
      }
      // A first visit's page is this version: it is controlled from now on.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit =
        (await cache.match(request, { ignoreSearch: true })) ||
        (request.mode === 'navigate' ? await cache.match('./') : undefined);
      if (hit) return hit;
      const response = await fetch(request);
      const later = LATER.some((f) => new URL(f, self.location).href === request.url);
      // Kept beside the answer, not before it: the page compiles the wasm
      // as it arrives, and a cache that is full only means no offline copy.
      if (later && response.ok) event.waitUntil(cache.put(request, response.clone()).catch(() => {}));
      return response;
    })(),
  );
});
