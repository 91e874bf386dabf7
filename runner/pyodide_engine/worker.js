// The page's module worker: runs the Pyodide engine (judge + student instances) off the main thread.
// Student code can reach this worker's global scope through `import js`, so (issue 5):
// - what it needs from the global scope is taken here, before any student code can run;
// - it talks to the page only through a MessagePort the page sends with its init message, held in module
//   scope where no student code can reach it. Messages posted on the global scope are not read by the page,
//   and once the port has arrived the global scope's message handler is removed.
// The messages and the stop flags' layout are the page's and the worker's contract (../web/worker_contract.js).
import { STOP_FLAG_COUNT, STOP_SLOT, TO_PAGE, TO_WORKER } from "../web/worker_contract.js";
import { startEngine } from "./engine.mjs";
import { capWasmMemory } from "./wasm_memory_cap.mjs";
import { compileWasmOnce } from "./wasm_once.mjs";

capWasmMemory();
compileWasmOnce();

const networkFetch = self.fetch.bind(self);
const cacheMatch = self.caches && CacheStorage.prototype.match.bind(self.caches);
const portPost = MessagePort.prototype.postMessage;
const apply = Reflect.apply;
let port = null;
const post = (message) => apply(portPost, port, [message]);
const LOAD_WATCHDOG_MS = 120_000;  // loadPyodide never settles on a wrong .wasm MIME type (Pyodide 0.27.7)

let engine = null;
let queue = Promise.resolve();
// Stop by interrupt (issue 29): on a cross-origin isolated page the page shares an Int32Array holding the
// id of the run, and of the console entry, it wants stopped (grader_client.js); the worker writes the id
// into the SEEN slot once Python has seen the stop (C code that never checks for signals never does). Ids
// are never reused, and no job is under way between jobs, so a stop ends with its job (the clean check after
// a run is not stopped).
let stopFlags = null;
const NO_JOB = -1;
let currentJob = NO_JOB;
const atomicLoad = Atomics.load;
const atomicStore = Atomics.store;
function stopRequested() {
  if (stopFlags === null || currentJob === NO_JOB) return false;
  const wanted = atomicLoad(stopFlags, STOP_SLOT.RUN) === currentJob
    || atomicLoad(stopFlags, STOP_SLOT.CONSOLE) === currentJob;
  if (!wanted) return false;
  atomicStore(stopFlags, STOP_SLOT.SEEN, currentJob);
  return true;
}

/** fetch, falling back to the service worker's copy when the network fails: while the browser believes it
 * is online, sw.js leaves the big files to the HTTP cache, which cannot answer once it must revalidate. */
async function fetchOrOfflineCopy(input, init) {
  try {
    return await networkFetch(input, init);
  } catch (error) {
    const cached = cacheMatch && await cacheMatch(input);
    if (cached) return cached;
    throw error;
  }
}

/** Count the bytes of every distinct URL fetched, to report download progress. A second request for a URL
 * whose first download is still running waits for it to finish, then reads the HTTP cache: the judge's
 * and the student's instances load the same packages at the same time, and would otherwise download them
 * twice. The bytes are counted on a clone: Pyodide gets the browser's own Response, which Chrome needs to
 * keep the compiled WebAssembly in its code cache for the next visit (a Response built from a JS stream has
 * no URL and is never cached). */
function countingFetch(onBytes) {
  const downloads = new Map();  // url -> promise settled when its first download has finished
  return async (input, init) => {
    const url = String(input && input.url || input);
    if (downloads.has(url)) {
      await downloads.get(url);
      return fetchOrOfflineCopy(input, init);
    }
    let finished;
    downloads.set(url, new Promise((resolve) => { finished = resolve; }));
    let response;
    try {
      response = await fetchOrOfflineCopy(input, init);
    } catch (error) {
      finished();
      throw error;
    }
    if (!response.body) { finished(); return response; }
    (async () => {
      const reader = response.clone().body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        onBytes(value.byteLength);
      }
    })().catch(() => {}).finally(finished);
    return response;
  };
}

/** The bytes at `url`, synchronously: Python's import system cannot wait for a promise. A synchronous
 * XMLHttpRequest is allowed in workers; it reads the HTTP cache like any request. */
function readSync(url) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`${url}: HTTP ${request.status}`);
  return new Uint8Array(request.response);
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
  const report = (state = "progress") => post({ type: TO_PAGE.PROGRESS, stage, state, loaded, total: config.downloadBytes });
  self.fetch = countingFetch((bytes) => {
    loaded += bytes;
    const now = performance.now();
    if (now - lastReport > 100) { lastReport = now; report(); }
  });
  // The wheels download while the runtime starts; Pyodide's own requests for them then wait for these
  // downloads and read the HTTP cache (countingFetch).
  for (const url of config.prefetch || []) {
    self.fetch(url).then((response) => response.arrayBuffer()).catch(() => {});
  }
  const [{ loadPyodide }, bundle, restIndex] = await Promise.all([import(config.pyodideModule),
    ...[config.bundleUrl, config.restIndexUrl].map(async (url) => url && (await fetchOrOfflineCopy(url)).json())]);
  engine = await withWatchdog(startEngine({
    loadPyodide,
    pyodideOptions: { indexURL: config.pyodideBase },
    bundle,
    onStage: (name, state) => { stage = name; report(state); },
    runtime: { browser: navigator.userAgent, sandbox: "none" },
    packageUrls: config.packageUrls,
    lazyModules: restIndex && { index: restIndex, read: () => readSync(new URL(restIndex.archive, config.restIndexUrl).href) },
    // A student interpreter is reused while runs leave it clean, so no spare is kept loaded (memory): a
    // fresh one loads right after a run that left its student changed or crashed (tests that meet a crashed
    // interpreter mid-run run again once it is ready: engine.mjs).
    reuseStudent: true,
    spares: 0,
    stopRequested,
  }), LOAD_WATCHDOG_MS, "Loading Python");
  post({ type: TO_PAGE.READY, interrupts: stopFlags !== null });
}

/** Run `job` as the worker's next one (in order); then, if student code changed this worker's globals, let
 * the page replace the worker, else tell it once the engine has settled: after a Stop by interrupt, that is
 * when Python is ready again. */
function enqueue(id, job) {
  queue = queue.then(async () => {
    if (!engine) return;
    currentJob = id;
    try {
      await job();
    } finally {
      currentJob = NO_JOB;
    }
    if (engine.tampered) {
      engine = null;
      post({ type: TO_PAGE.TAMPERED });
      return;
    }
    await engine.settled();
    post({ type: TO_PAGE.SETTLED, id });
  });
}

/** A console entry (issue 29): run in the console's own student instance, never the judge's. */
function receiveConsole({ id, token, source, entry }) {
  enqueue(id, async () => {
    try {
      const answer = await engine.console(String(source), String(entry),
        () => post({ type: TO_PAGE.CONSOLE_STARTED, id, token }));
      if (answer.status === "timeout" && stopRequested()) answer.status = "stopped";
      post({ type: TO_PAGE.CONSOLE_REPLY, id, token, answer });
    } catch (error) {
      post({ type: TO_PAGE.CONSOLE_REPLY, id, token, answer: { status: "crashed", detail: String(error && error.message || error) } });
    }
  });
}

function receive(message) {
  if (message.type === TO_WORKER.CONSOLE) return receiveConsole(message);
  if (message.type !== TO_WORKER.RUN) return;
  const { id, token, source, seed } = message;
  enqueue(id, async () => {
    try {
      // The engine's event kinds are the contract's run events (worker_contract.js RunEventMessage).
      const results = await engine.grade(source, (kind, payload) => post({ type: kind, id, token, payload }), { seed });
      post({ type: TO_PAGE.RESULTS, id, token, results });
      post({ type: TO_PAGE.MEMORY, bytes: engine.memoryBytes() });
    } catch (error) {
      post({ type: TO_PAGE.FAILED, id, token, message: String(error && error.message || error) });
    }
  });
}

self.onmessage = (event) => {
  const message = event.data || {};
  if (message.type !== TO_WORKER.INIT || port || !event.ports[0]) return;
  port = event.ports[0];
  self.onmessage = null;
  const shared = message.config?.stopBuffer;
  if (self.crossOriginIsolated && typeof SharedArrayBuffer === "function" && shared instanceof SharedArrayBuffer) {
    stopFlags = new Int32Array(shared, 0, STOP_FLAG_COUNT);
  }
  port.onmessage = (portEvent) => receive(portEvent.data || {});
  queue = start(message.config).catch((error) => post({ type: TO_PAGE.FAILED, message: String(error && error.message || error) }));
};
