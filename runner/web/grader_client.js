// The page's side of the worker: starts it, queues runs until Python is ready, accepts only results that
// arrive on the worker's private MessagePort, carry the run's token and match the results schema, and
// replaces the worker when a run overruns or the worker stops answering. Stop interrupts the student's code
// in place when the page is cross-origin isolated, and replaces the worker when it is not (issue 29).
import { brokenResults, overrunResults, stoppedResults } from "./run_results.js";
import { check } from "./schema_check.js";
import { STOP_FLAG_COUNT, STOP_SLOT, TO_PAGE, TO_WORKER } from "./worker_contract.js";

const START_LIMIT_MS = 60_000;  // from sending a run to its start (fresh interpreters may be loading)
// After an interrupt, the time Python has to see the stop, and then to end the job. C code that never checks
// for signals never sees it, and the worker is replaced then; once Python has seen it, the student's code is
// interrupted and the run's remaining calls end at once (engine.mjs). In Chromium an interrupted run ends
// 60 to 80 ms after Stop. The wait is generous because a busy machine can keep the worker's thread waiting
// (a likely cause of a WebKit failure seen with the suite on two cores), and a replaced worker costs the
// console its names.
const STOP_SEEN_MS = 1500;
const STOP_SETTLE_MS = 10_000;

/** Whether this page can share memory with its worker: only a cross-origin isolated page can. */
function canShareMemory() {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
}

/** A fresh data seed for a run (runner/judge/seeding.py): a whole number below 2**53, which JSON and
 * JavaScript hold exactly. */
export function freshSeed() {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return (high & 0x1fffff) * 2 ** 32 + low;
}

/**
 * @typedef {import("./worker_contract.js").PageMessage} PageMessage
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
    this.interrupts = false;  // Stop interrupts in place (the worker said it shares the stop flags)
    this.stopping = null;     // an interrupted job the worker has not ended yet: {id, timer}
    this.worker = null;
    this.current = null;   // {id, token, resolve, collected, finished, timer}
    this.waiting = null;   // a run requested before Python was ready
    this.nextId = 1;
    this.start();
  }

  start() {
    this.ready = false;
    this.interrupts = false;
    clearTimeout(this.stopping?.timer);
    this.stopping = null;
    this.stopFlags = canShareMemory() ? new Int32Array(new SharedArrayBuffer(STOP_FLAG_COUNT * Int32Array.BYTES_PER_ELEMENT)) : null;
    this.worker = new Worker(this.workerUrl, { type: "module" });
    // Only the port is listened to: student code in the worker can post on the worker's global scope.
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => this.listeners.onFailed(`the Python worker failed: ${event.message || "unknown error"}`);
    this.worker.postMessage({ type: TO_WORKER.INIT, config: { ...this.config, stopBuffer: this.stopFlags?.buffer } }, [channel.port2]);
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
    this.port.postMessage({ type: TO_WORKER.RUN, id: run.id, token: run.token, source: run.source, seed: run.seed });
    // A worker that student code closed or broke never starts the run: replace it.
    run.timer = setTimeout(() => this.overrun(run), START_LIMIT_MS);
  }

  /** @param {PageMessage} message */
  receive(message) {
    if (!message || typeof message !== "object") return;
    if (message.type === TO_PAGE.PROGRESS) return this.listeners.onProgress(message);
    if (message.type === TO_PAGE.MEMORY) return this.listeners.onMemory?.(Number(message.bytes));
    if (message.type === TO_PAGE.READY) {
      this.interrupts = message.interrupts === true && this.stopFlags !== null;
      return this.resume();
    }
    if (message.type === TO_PAGE.SETTLED) {
      if (this.stopping && message.id === this.stopping.id) this.resume();
      return;
    }
    if (message.type === TO_PAGE.FAILED && message.token === undefined) return this.listeners.onFailed(message.message);
    if (message.type === TO_PAGE.TAMPERED) return this.replaceWorker();
    if (message.type === TO_PAGE.CONSOLE_STARTED || message.type === TO_PAGE.CONSOLE_REPLY) return this.receiveConsole(message);
    const run = this.current;
    if (!run || message.id !== run.id || message.token !== run.token) return;  // not this run's: ignore
    switch (message.type) {
      case TO_PAGE.STARTED:
        clearTimeout(run.timer);
        run.timer = setTimeout(() => this.overrun(run), this.runLimitMs);
        this.listeners.onRun("started", run);
        break;
      case TO_PAGE.WAITING:  // a fresh interpreter loads for tests to run again after a crash
        clearTimeout(run.timer);
        run.timer = setTimeout(() => this.overrun(run), START_LIMIT_MS);
        break;
      case TO_PAGE.COLLECTED:
        if (Array.isArray(message.payload)) run.collected = message.payload.filter((t) => t && typeof t.name === "string");
        this.listeners.onRun("collected", run);
        break;
      case TO_PAGE.RESULT:
        if (check(this.schema.$defs.test, message.payload, this.schema).length === 0) {
          run.finished.push(message.payload);
          this.listeners.onRun("result", run);
        }
        break;
      case TO_PAGE.RESULTS: {
        const problems = check(this.schema, message.results);
        if (message.results?.seed !== run.seed) problems.push("the results are not for this run's data seed");
        this.finish(run, problems.length ? brokenResults(run, problems, this.schema) : message.results);
        break;
      }
      case TO_PAGE.FAILED:
        this.finish(run, brokenResults(run, [message.message], this.schema));
        break;
    }
  }

  /** Python is ready (loaded, or the interrupted job has ended): a run waiting for it starts. */
  resume() {
    clearTimeout(this.stopping?.timer);
    this.stopping = null;
    this.ready = true;
    this.listeners.onReady({ interrupts: this.interrupts });
    if (this.waiting) this.send(this.waiting);
  }

  /** Interrupt job `id` (a run or a console entry, by `slot`) in place; a run asked for meanwhile waits
   * until the worker says the job has ended, or for a new worker if Python has not seen the stop within
   * STOP_SEEN_MS or the job has not ended within STOP_SETTLE_MS. */
  interrupt(slot, id) {
    Atomics.store(this.stopFlags, slot, id);
    clearTimeout(this.stopping?.timer);
    this.ready = false;
    const stopping = { id, timer: null };
    stopping.timer = setTimeout(() => {
      if (Atomics.load(this.stopFlags, STOP_SLOT.SEEN) !== id) return this.replaceWorker();
      stopping.timer = setTimeout(() => this.replaceWorker(), STOP_SETTLE_MS - STOP_SEEN_MS);
    }, STOP_SEEN_MS);
    this.stopping = stopping;
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
      this.port.postMessage({ type: TO_WORKER.CONSOLE, id: call.id, token: call.token, source, entry });
    });
  }

  receiveConsole(message) {
    const call = this.consoleCall;
    if (!call || message.id !== call.id || message.token !== call.token) return;
    if (message.type === TO_PAGE.CONSOLE_STARTED) {
      if (call.stopped) return;  // interrupted before it started: the stop's own timer runs
      call.timer = setTimeout(() => this.endConsoleByReplacing(
        "it did not finish within its time limit: C code that never returns?"), this.consoleLimitMs);
      return;
    }
    const answer = message.answer && typeof message.answer === "object" ? message.answer : { status: "crashed" };
    this.endConsole(answer);
    if (this.stopping && this.stopping.id === call.id) this.resume();
  }

  endConsole(answer) {
    const call = this.consoleCall;
    if (!call) return;
    clearTimeout(call.timer);
    this.consoleCall = null;
    call.resolve(answer);
  }

  /** The student's Stop on the console entry under way: interrupted in place on an isolated page; else, or
   * when Stop is pressed again on an interrupted entry, ended by replacing the worker. */
  stopConsole() {
    const call = this.consoleCall;
    if (!call) return false;
    if (!this.interrupts || call.stopped) return this.endConsoleByReplacing("you pressed Stop");
    call.stopped = true;
    clearTimeout(call.timer);
    this.interrupt(STOP_SLOT.CONSOLE, call.id);
    return true;
  }

  /** End the console entry under way by replacing the worker; a run under way stops with it. */
  endConsoleByReplacing(reason) {
    if (!this.consoleCall) return false;
    if (!this.stop({ reason, replace: true })) this.replaceWorker(reason);
    return true;
  }

  /** Start a fresh worker (the old one is stopped, and the console entry under way with it, told `why`); a run
   * asked for meanwhile waits for it. */
  replaceWorker(why = "Python was restarted") {
    this.endConsole({ status: "restarted", detail: why });
    this.worker.terminate();
    this.port.onmessage = null;
    this.listeners.onRestart?.();
    this.start();
  }

  /** The run exceeded its limit (C code that never returns: the harness's own limits act first on Python):
   * stop the worker, time out the running test and those after it, restart. */
  overrun(run) {
    this.finish(run, overrunResults(run, this.runLimitMs / 1000, this.schema));
    this.replaceWorker("a run overran its time limit");
  }

  /**
   * Stop the current run at once (issues 21, 29). The worker's thread is busy inside the run; on a
   * cross-origin isolated page the page reaches it through shared memory and the run is interrupted in
   * place, so Python stays ready. Otherwise messages would wait for the run's end, so the worker is replaced,
   * as after an overrun. Tests that had not finished are "stopped". A run still waiting for Python just ends.
   * @param {{names?: {name: string}[], reason?: string, replace?: boolean}} [options] names: the test names to
   *   show when none was collected; replace: replace the worker even where it could be interrupted, and even
   *   when the run had not started (the console's overrun: the worker is stuck in its entry)
   * @returns {boolean} whether there was a run to stop
   */
  stop({ names = [], reason = "you pressed Stop", replace: force = false } = {}) {
    const run = this.current;
    if (!run) return false;
    const started = this.waiting !== run;
    const replace = force || (started && !this.interrupts);
    this.waiting = null;
    if (started && !replace) this.interrupt(STOP_SLOT.RUN, run.id);
    this.finish(run, stoppedResults(run, names, reason, this.schema));
    if (replace) this.replaceWorker(reason);
    return true;
  }
}
