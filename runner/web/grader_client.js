// The page's side of the worker: starts it, queues runs until Python is ready, accepts only results that
// arrive on the worker's private MessagePort, carry the run's token and match the results schema, and
// replaces the worker when a run overruns or the worker stops answering.
import { check } from "./schema_check.js";

const START_LIMIT_MS = 60_000;  // from sending a run to its start (fresh interpreters may be loading)

/** A fresh data seed for a run (runner/harness/seeding.py): a whole number below 2**53, which JSON and
 * JavaScript hold exactly. */
export function freshSeed() {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return (high & 0x1fffff) * 2 ** 32 + low;
}

/**
 * @typedef {{type: string, [key: string]: any}} WorkerMessage
 * @typedef {{onProgress: Function, onReady: Function, onFailed: Function, onRun: Function, onMemory?: Function,
 *            onRestart?: Function}} Listeners
 */

export class GraderClient {
  /**
   * @param {{workerUrl: URL, config: object, schema: object, runSeconds: number, listeners: Listeners}} options
   */
  constructor({ workerUrl, config, schema, runSeconds, callSeconds = runSeconds, listeners }) {
    this.workerUrl = workerUrl;
    this.config = config;
    this.schema = schema;
    this.runLimitMs = runSeconds * 1000 + 2000;  // the harness's own per-call limits act first
    this.consoleLimitMs = callSeconds * 1000 + 2000;  // likewise the console's interrupt (engine.mjs)
    this.consoleCall = null;  // the console entry under way: {id, token, resolve, timer}
    this.listeners = listeners;
    this.ready = false;
    this.worker = null;
    this.current = null;   // {id, token, resolve, collected, finished, timer}
    this.waiting = null;   // a run requested before Python was ready
    this.nextId = 1;
    this.start();
  }

  start() {
    this.ready = false;
    this.worker = new Worker(this.workerUrl, { type: "module" });
    // Only the port is listened to: student code in the worker can post on the worker's global scope.
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => this.listeners.onFailed(`the Python worker failed: ${event.message || "unknown error"}`);
    this.worker.postMessage({ type: "init", config: this.config }, [channel.port2]);
  }

  /** Run the hidden tests on `source`, their data drawn from `seed` (default: a fresh one); resolves with the
   * results. Queued while Python is loading. */
  run(source, { seed = freshSeed() } = {}) {
    if (this.current) return Promise.reject(new Error("a run is already in progress"));
    return new Promise((resolve) => {
      const run = { id: this.nextId++, token: crypto.randomUUID(), source, seed, resolve, collected: [], finished: [], timer: null };
      this.current = run;
      this.listeners.onRun("queued", run);
      if (this.ready) this.send(run);
      else this.waiting = run;
    });
  }

  get busy() {
    return this.current !== null;
  }

  send(run) {
    this.waiting = null;
    this.port.postMessage({ type: "run", id: run.id, token: run.token, source: run.source, seed: run.seed });
    // A worker that student code closed or broke never starts the run: replace it.
    run.timer = setTimeout(() => this.overrun(run), START_LIMIT_MS);
  }

  /** @param {WorkerMessage} message */
  receive(message) {
    if (!message || typeof message !== "object") return;
    if (message.type === "progress") return this.listeners.onProgress(message);
    if (message.type === "memory") return this.listeners.onMemory?.(Number(message.bytes));
    if (message.type === "ready") {
      this.ready = true;
      this.listeners.onReady();
      if (this.waiting) this.send(this.waiting);
      return;
    }
    if (message.type === "failed" && message.token === undefined) return this.listeners.onFailed(message.message);
    if (message.type === "tampered") return this.replaceWorker();
    if (message.type === "console-started" || message.type === "console-reply") return this.receiveConsole(message);
    const run = this.current;
    if (!run || message.id !== run.id || message.token !== run.token) return;  // not this run's: ignore
    switch (message.type) {
      case "started":
        clearTimeout(run.timer);
        run.timer = setTimeout(() => this.overrun(run), this.runLimitMs);
        this.listeners.onRun("started", run);
        break;
      case "waiting":  // a fresh interpreter loads for tests to run again after a crash
        clearTimeout(run.timer);
        run.timer = setTimeout(() => this.overrun(run), START_LIMIT_MS);
        break;
      case "collected":
        if (Array.isArray(message.payload)) run.collected = message.payload.filter((t) => t && typeof t.name === "string");
        this.listeners.onRun("collected", run);
        break;
      case "result":
        if (check(this.schema.$defs.test, message.payload, this.schema).length === 0) {
          run.finished.push(message.payload);
          this.listeners.onRun("result", run);
        }
        break;
      case "results": {
        const problems = check(this.schema, message.results);
        if (message.results?.seed !== run.seed) problems.push("the results are not for this run's data seed");
        this.finish(run, problems.length ? this.brokenResults(run, problems) : message.results);
        break;
      }
      case "failed":
        this.finish(run, this.brokenResults(run, [message.message]));
        break;
    }
  }

  finish(run, results) {
    clearTimeout(run.timer);
    this.current = null;
    this.listeners.onRun("done", run, results);
    run.resolve(results);
  }

  /**
   * Run one console entry against `source` in the student's console interpreter (issue 29). It waits behind
   * Python's loading and any run; its time limit starts when it does.
   * @returns {Promise<{status: string, reply?: object, detail?: string, fresh?: boolean}>} status "ok",
   *   "timeout" (interrupted), "crashed", or "restarted" (the worker was replaced: Stop, an overrun)
   */
  console(source, entry) {
    if (this.consoleCall) return Promise.reject(new Error("an entry is already running"));
    return new Promise((resolve) => {
      const call = { id: this.nextId++, token: crypto.randomUUID(), resolve, timer: null };
      this.consoleCall = call;
      this.port.postMessage({ type: "console", id: call.id, token: call.token, source, entry });
    });
  }

  receiveConsole(message) {
    const call = this.consoleCall;
    if (!call || message.id !== call.id || message.token !== call.token) return;
    if (message.type === "console-started") {
      call.timer = setTimeout(() => this.stopConsole("it did not finish within its time limit: C code that never returns?"),
        this.consoleLimitMs);
      return;
    }
    const answer = message.answer && typeof message.answer === "object" ? message.answer : { status: "crashed" };
    this.endConsole(answer);
  }

  endConsole(answer) {
    const call = this.consoleCall;
    if (!call) return;
    clearTimeout(call.timer);
    this.consoleCall = null;
    call.resolve(answer);
  }

  /** Stop the console entry under way by replacing the worker (a run under way stops with it). */
  stopConsole(reason = "you pressed Stop") {
    if (!this.consoleCall) return false;
    if (this.current) this.stop({ reason });
    else this.replaceWorker();
    this.endConsole({ status: "restarted", detail: reason });
    return true;
  }

  /** Start a fresh worker (the old one is stopped); a run asked for meanwhile waits for it. */
  replaceWorker() {
    this.endConsole({ status: "restarted", detail: "Python was restarted" });
    this.worker.terminate();
    this.port.onmessage = null;
    this.listeners.onRestart?.();
    this.start();
  }

  /** The run exceeded its limit: stop the worker, time out the running test and those after it, restart. */
  overrun(run) {
    this.endConsole({ status: "restarted", detail: "a run overran its time limit" });
    this.worker.terminate();
    this.port.onmessage = null;
    const seconds = this.runLimitMs / 1000;
    const tests = [...run.finished];
    for (const entry of run.collected.slice(run.finished.length)) {
      tests.push({ name: entry.name, test: entry.test, status: "error", kind: "timeout", output: null, test_code: null,
        message: `stopped: the run exceeded its time limit (${seconds} s): an endless loop Python could not interrupt?` });
    }
    const passed = tests.filter((t) => t.status === "pass").length;
    this.finish(run, {
      version: 3, status: tests.length ? "fail" : "error", kind: "timeout", seed: run.seed, tests,
      message: tests.length ? `${passed} of ${tests.length} tests passed; the run was stopped after ${seconds} s`
        : `solution.py did not finish importing within ${seconds} s`,
    });
    this.listeners.onRestart?.();
    this.start();
  }

  /**
   * Stop the current run at once (issue 21). The worker's thread is busy inside the run and the page can
   * reach it only by messages, which wait for the run's end, or shared memory, which needs a cross-origin
   * isolated page (headers GitHub Pages cannot send): so the worker is replaced, as after an overrun.
   * Tests that had not finished are "stopped". A run still waiting for Python just ends.
   * @param {{names?: {name: string}[], reason?: string}} [options] the test names to show when none was collected
   * @returns {boolean} whether there was a run to stop
   */
  stop({ names = [], reason = "you pressed Stop" } = {}) {
    const run = this.current;
    if (!run) return false;
    const started = this.waiting !== run;
    this.waiting = null;
    if (started) {
      this.endConsole({ status: "restarted", detail: reason });
      this.worker.terminate();
      this.port.onmessage = null;
    }
    const expected = run.collected.length ? run.collected : names;
    const tests = [...run.finished, ...expected.slice(run.finished.length).map((entry) => ({
      name: entry.name, test: entry.test, status: "error", kind: "stopped", output: null, test_code: null,
      message: `stopped before it finished: ${reason}` }))];
    const passed = tests.filter((t) => t.status === "pass").length;
    this.finish(run, { version: 3, status: "error", kind: "stopped", seed: run.seed, tests,
      message: `stopped: ${passed} of ${tests.length} tests had passed (${reason})` });
    if (started) {
      this.listeners.onRestart?.();
      this.start();
    }
    return true;
  }

  brokenResults(run, problems) {
    return { version: 3, status: "error", kind: "harness", seed: run.seed, tests: run.finished,
      message: `The grader failed: ${problems.slice(0, 3).join("; ")}` };
  }
}
