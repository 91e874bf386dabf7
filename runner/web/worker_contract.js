// The contract between the page (grader_client.js) and its module worker (runner/pyodide_engine/worker.js):
// every message type, both ways, with its fields, and the layout of the stop flags they share. Both sides
// import it; the worker does so at module load, before any student code runs, and the objects are frozen.

/**
 * What the worker needs to start (app.js builds it), sent with "init".
 * @typedef {{pyodideModule: string, pyodideBase: string, bundleUrl: string, restIndexUrl?: string,
 *            prefetch?: string[], downloadBytes: number, packageUrls: Record<string, string>,
 *            stopBuffer?: SharedArrayBuffer}} WorkerConfig
 */

/**
 * Page -> worker. "init" goes to the worker's global scope with the private MessagePort as its transfer; the
 * rest go on that port.
 * @typedef {{type: "init", config: WorkerConfig}} InitMessage
 * @typedef {{type: "run", id: number, token: string, source: string, seed: number}} RunMessage
 *   grade `source` (solution.py) on the data drawn from `seed`
 * @typedef {{type: "console", id: number, token: string, source: string, entry: string}} ConsoleMessage
 *   run the console `entry` against `source` in the console's own interpreter
 */
export const TO_WORKER = Object.freeze({
  INIT: "init",
  RUN: "run",
  CONSOLE: "console",
});

/**
 * Worker -> page, on the private port. Messages about a run or a console entry carry its `id` and `token`;
 * the page ignores those that are not for the job under way.
 * @typedef {{type: "progress", stage: string, state: string, loaded: number, total: number}} ProgressMessage
 *   loading: `stage` ("runtime", "packages", "harness") and its `state`; `loaded` of `total` bytes downloaded
 * @typedef {{type: "ready", interrupts: boolean}} ReadyMessage
 *   Python is loaded; interrupts: Stop can interrupt in place (the worker holds the stop flags)
 * @typedef {{type: "failed", id?: number, token?: string, message: string}} FailedMessage
 *   without a token: Python could not load; with one: that run failed
 * @typedef {{type: "settled", id: number}} SettledMessage  job `id` has ended and Python is ready again
 * @typedef {{type: "tampered"}} TamperedMessage  student code changed the worker's globals: replace it
 * @typedef {{type: "memory", bytes: number}} MemoryMessage  the engine's WebAssembly memory after a run
 * @typedef {{type: "started"|"waiting"|"collected"|"result", id: number, token: string, payload: any}} RunEventMessage
 *   a run's events (engine.mjs grade()'s `onEvent` kinds, forwarded under the same names): "started" (its
 *   time limit starts now), "waiting" (a fresh interpreter loads for tests to run again), "collected"
 *   (payload: the tests, in order), "result" (payload: one test's result)
 * @typedef {{type: "results", id: number, token: string, results: object}} ResultsMessage
 *   the run's results (runner/results.schema.json)
 * @typedef {{type: "console-started", id: number, token: string}} ConsoleStartedMessage
 *   the entry starts now, its interpreter loaded (its time limit with it)
 * @typedef {{type: "console-reply", id: number, token: string,
 *            answer: {status: string, reply?: object, detail?: string, fresh?: boolean}}} ConsoleReplyMessage
 *   status "ok", "timeout", "stopped" or "crashed"
 * @typedef {ProgressMessage|ReadyMessage|FailedMessage|SettledMessage|TamperedMessage|MemoryMessage|
 *           RunEventMessage|ResultsMessage|ConsoleStartedMessage|ConsoleReplyMessage} PageMessage
 */
export const TO_PAGE = Object.freeze({
  PROGRESS: "progress",
  READY: "ready",
  FAILED: "failed",
  SETTLED: "settled",
  TAMPERED: "tampered",
  MEMORY: "memory",
  STARTED: "started",
  WAITING: "waiting",
  COLLECTED: "collected",
  RESULT: "result",
  RESULTS: "results",
  CONSOLE_STARTED: "console-started",
  CONSOLE_REPLY: "console-reply",
});

/**
 * The stop flags (issue 29): an Int32Array of STOP_FLAG_COUNT over a SharedArrayBuffer the page sends with
 * "init" when it is cross-origin isolated. The page writes into RUN or CONSOLE the id of the run or console
 * entry it wants stopped; the worker writes into SEEN the id of the job once Python has seen its stop.
 */
export const STOP_SLOT = Object.freeze({ RUN: 0, CONSOLE: 1, SEEN: 2 });
export const STOP_FLAG_COUNT = 3;
