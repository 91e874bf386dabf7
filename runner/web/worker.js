// The page's module worker: runs the Pyodide engine (judge + student instances) off the main thread.
// What it needs from its global scope is taken here, before any student code can run (issue 5): student
// code can reach this scope through `import js`, so nothing below reads a global after start-up.
import { startEngine } from "../js/engine.mjs";

const post = self.postMessage.bind(self);
const realFetch = self.fetch.bind(self);
const LOAD_WATCHDOG_MS = 120_000;  // loadPyodide never settles on a wrong .wasm MIME type (Pyodide 0.27.7)

let engine = null;
let queue = Promise.resolve();

/** Count the bytes of every distinct URL fetched, to report download progress. */
function countingFetch(onBytes) {
  const seen = new Map();
  return async (input, init) => {
    const response = await realFetch(input, init);
    const url = String(input && input.url || input);
    if (!response.body || seen.has(url)) return response;
    seen.set(url, 0);
    const reader = response.body.getReader();
    const stream = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) { controller.close(); return; }
        onBytes(value.byteLength);
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function withWatchdog(promise, ms, what) {
  let timer;
  const watchdog = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, watchdog]).finally(() => clearTimeout(timer));
}

async function start(config) {
  let loaded = 0;
  let stage = "runtime";
  let lastReport = 0;
  const report = (state = "progress") => post({ type: "progress", stage, state, loaded, total: config.downloadBytes });
  self.fetch = countingFetch((bytes) => {
    loaded += bytes;
    const now = performance.now();
    if (now - lastReport > 100) { lastReport = now; report(); }
  });
  const { loadPyodide } = await import(config.pyodideModule);
  const bundle = await (await realFetch(config.bundleUrl)).json();
  engine = await withWatchdog(startEngine({
    loadPyodide,
    pyodideOptions: { indexURL: config.pyodideBase },
    bundle,
    onStage: (name, state) => { stage = name; report(state); },
    runtime: { browser: navigator.userAgent },
    packageUrls: config.packageUrls,
  }), LOAD_WATCHDOG_MS, "Loading Python");
  post({ type: "ready" });
}

self.onmessage = (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    queue = start(message.config).catch((error) => post({ type: "failed", message: String(error && error.message || error) }));
  } else if (message.type === "run") {
    const { id, token, source } = message;
    queue = queue.then(async () => {
      if (!engine) return;
      post({ type: "started", id, token });
      try {
        const results = await engine.grade(source, (kind, payload) => post({ type: kind, id, token, payload }));
        post({ type: "results", id, token, results });
      } catch (error) {
        post({ type: "failed", id, token, message: String(error && error.message || error) });
      }
    });
  }
};
