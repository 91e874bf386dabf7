// Service worker: keeps the whole site (page, Pyodide, tests) for offline use after the first visit.
// The build replaces SITE_FILES ([path, sha256, onDemand] triples) and BUILD_VERSION; a new build therefore
// installs a new cache and deletes the old ones. Files marked onDemand (python_rest.zip: modules no session
// imports up front) are not precached: they are kept the first time something fetches them. It caches only
// this site's own files; the student's code lives in localStorage, untouched.
// The build also lists the big files the worker fetches (the interpreter, standard library, wheels: about
// 20 MB a visit). While the browser is online those are left to its HTTP cache: serving them from here cost
// a returning student 0.3 to 0.45 s (issue 6); offline they come from here, and the worker falls back to
// this cache itself when the network fails while the browser believes it is online (worker.js).
// The page and its worker get the headers that make a page cross-origin isolated (issue 29): GitHub Pages
// cannot send them, and only an isolated page can share memory with its worker, which Stop needs to interrupt
// Python in place. `require-corp`, not `credentialless` (which Safari lacks): every file is this site's own.
// Only documents and workers need them; other responses are served as they are (a rebuilt Response would
// lose Chrome's code cache for scripts kept in CacheStorage).
const BUILD_VERSION = "@@BUILD_VERSION@@";
const SITE_FILES = /*@@SITE_FILES@@*/[];
const HTTP_CACHE_WHILE_ONLINE = /*@@HTTP_CACHE_WHILE_ONLINE@@*/[];
const PREFIX = "exercise-site:";
const CACHE = PREFIX + BUILD_VERSION;
const siteUrls = (paths) => new Set(paths.map((path) => new URL(path, self.registration.scope).href));
const ON_DEMAND = siteUrls(SITE_FILES.filter(([, , onDemand]) => onDemand).map(([path]) => path));
const WHILE_ONLINE = siteUrls(HTTP_CACHE_WHILE_ONLINE);
const ISOLATION_HEADERS = { document: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" },
  iframe: { "Cross-Origin-Embedder-Policy": "require-corp" }, worker: { "Cross-Origin-Embedder-Policy": "require-corp" } };

/** `response` with the isolation headers its request's destination needs (none for other destinations). */
function isolated(response, destination) {
  const wanted = ISOLATION_HEADERS[destination];
  if (!wanted || response.type === "opaqueredirect" || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(wanted)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function hex(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The page registers this worker once Python has loaded, so the files are in the HTTP cache: read them
    // from there (no second download, issue 6), and fetch again only a file whose bytes are not this
    // build's (the HTTP cache may hold an older build's copy for up to its max-age).
    await Promise.all(SITE_FILES.filter(([, , onDemand]) => !onDemand).map(async ([path, sha256]) => {
      const url = new URL(path, self.registration.scope);
      let response = await fetch(url);
      let body = response.ok ? await response.arrayBuffer() : null;
      if (!body || await hex(body) !== sha256) {
        response = await fetch(url, { cache: "reload" });
        body = response.ok ? await response.arrayBuffer() : null;
        if (!body || await hex(body) !== sha256) throw new Error(`${path}: not this build's file`);
      }
      await cache.put(url, new Response(body, { status: 200, headers: response.headers }));
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
  if (self.navigator.onLine && WHILE_ONLINE.has(request.url)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const url = new URL(request.url);
    url.search = "";
    if (request.mode === "navigate" && url.href === self.registration.scope) url.pathname += "index.html";
    const cached = await cache.match(url.href);
    if (cached) return isolated(cached, request.destination);
    const response = await fetch(request);
    if (response.ok && ON_DEMAND.has(url.href)) await cache.put(url.href, response.clone());
    return isolated(response, request.destination);
  })());
});
