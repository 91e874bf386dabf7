// Service worker: keeps the whole site (page, Pyodide, tests) for offline use after the first visit.
// The build replaces SITE_FILES and BUILD_VERSION; a new build therefore installs a new cache and deletes
// the old ones. It caches only this site's own files; the student's code lives in localStorage, untouched.
const BUILD_VERSION = "@@BUILD_VERSION@@";
const SITE_FILES = /*@@SITE_FILES@@*/[];
const PREFIX = "exercise-site:";
const CACHE = PREFIX + BUILD_VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The page registers this worker once Python has loaded, so the files are in the HTTP cache:
    // "no-cache" revalidates each (304, no second download) and still picks up what a new build changed.
    await Promise.all(SITE_FILES.map(async (path) => {
      const url = new URL(path, self.registration.scope);
      const response = await fetch(url, { cache: "no-cache" });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      await cache.put(url, response);
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const url = new URL(request.url);
    url.search = "";
    if (request.mode === "navigate" && url.href === self.registration.scope) url.pathname += "index.html";
    const cached = await cache.match(url.href);
    return cached || fetch(request);
  })());
});
