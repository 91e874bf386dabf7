// One student instance: a Pyodide that runs only solution.py and answers wire messages (and the page's
// console entries), each under a deadline; and the loading steps the engine's instances share.
const GRADER_DIR = "/grader";
const REFIRE_MS = 50;
// Pyodide polls the interrupt buffer every 50 eval-breaker ticks (tens of thousands of times in a clean
// check); reading the clock on each poll doubled that check's cost, so the clock is read every POLL_STRIDE
// polls (a few microseconds of Python apart).
const POLL_STRIDE = 64;
// A student interpreter whose memory grew past this is not reused: WebAssembly memory never shrinks, and one
// left near its limit by a memory bomb fails the next run's first allocation.
const REUSE_HEAP_LIMIT = 256 * 1024 * 1024;
// A student interpreter whose memory grew past this during a call is retired before the next call, not only
// before the next run: in Pyodide 0.27.7 bytes cannot be moved out of an interpreter whose memory is past
// 2 GiB, so after a memory bomb the calls that followed in the same run came back broken (issue 28, seen in
// Firefox). No honest solution of an exercise here needs a gigabyte.
const RETIRE_HEAP_LIMIT = 1024 * 1024 * 1024;
const CLEAN_CHECK_MS = 2000;  // the fingerprint takes 15 to 60 ms under Node
// Taken at load, before any student code runs: student code can replace globals through `import js`.
const now = performance.now.bind(performance);
export const parseJSON = JSON.parse;

/** Signals a load that failed; `stage` names which one. */
export class EngineLoadError extends Error {
  constructor(stage, message) {
    super(`${stage}: ${message}`);
    this.stage = stage;
  }
}

export function isFatal(error, pyodide) {
  return Boolean(error && (error.pyodide_fatal_error || /fatally failed/.test(String(error && error.message))))
    || Boolean(pyodide && pyodide._api && pyodide._api.fatal_error_occurred);
}

function writeFiles(pyodide, files) {
  for (const [path, text] of Object.entries(files)) {
    const full = `${GRADER_DIR}/${path}`;
    pyodide.FS.mkdirTree(full.slice(0, full.lastIndexOf("/")));
    pyodide.FS.writeFile(full, text);
  }
}

/** The harness files, then the finder for modules kept in python_rest.zip (runner/shared/lazy_modules.py),
 * before anything else is imported. */
export function prepare(pyodide, files, lazyModules) {
  writeFiles(pyodide, files);
  pyodide.runPython(`import sys; sys.path.insert(0, "${GRADER_DIR}")`);
  if (!lazyModules) return;
  pyodide.registerJsModule("_runner_rest", { index: JSON.stringify(lazyModules.index), read: lazyModules.read });
  pyodide.runPython("import _runner_rest\nfrom runner.shared.lazy_modules import install\ninstall(_runner_rest.index, _runner_rest.read)");
}

export async function loadPackagesChecked(pyodide, names, stage, urls = {}) {
  if (!names.length) return;
  await pyodide.loadPackage(names.map((name) => urls[name] || name), { messageCallback: () => {}, errorCallback: () => {} });
  // loadPackage does not throw when a package fails to load (Pyodide 0.27.7): check what arrived.
  const missing = names.filter((name) => !(name in pyodide.loadedPackages));
  if (missing.length) throw new EngineLoadError(stage, `could not load ${missing.join(", ")}`);
}

/**
 * A student instance: one Pyodide running only solution.py, answering wire messages.
 * Calls run under a deadline: an interrupt buffer whose index 0 reads 2 once the deadline has passed
 * (Pyodide reads only index 0, so a plain object works without SharedArrayBuffer). It fires again every
 * REFIRE_MS until the call returns: a single interrupt is sometimes lost in a tight loop (seen with
 * Pyodide 0.27.7), and a student's `except BaseException` may swallow one. It fires the same way once
 * `options.stopRequested()` is true: the page's Stop, through shared memory (issue 29, worker.js).
 */
export async function createStudent(options) {
  const pyodide = await options.loadPyodide(options.pyodideOptions);
  // A fresh interpreter has `random` imported and seeded: one started from the snapshot would draw the
  // snapshot's numbers, the same in every student interpreter, so it takes a new seed.
  pyodide.runPython(`import sys\nif "random" in sys.modules: sys.modules["random"].seed()`);
  prepare(pyodide, options.bundle.student_files, options.lazyModules);
  options.shareUnpacking?.(pyodide);
  await loadPackagesChecked(pyodide, options.bundle.student_packages, "student packages");
  pyodide.runPython(`import numpy\nfrom runner.student.in_pyodide.student_entry import handle\nfrom runner.student.student_side import fingerprint`);
  const handle = pyodide.globals.get("handle");
  const fingerprint = pyodide.globals.get("fingerprint");
  const initialFingerprint = fingerprint();
  let consoleJson = null;  // imported at the console's first entry
  const clock = { deadline: Infinity, fired: false, lastFire: 0, polls: 0 };
  const stopRequested = options.stopRequested || (() => false);
  const interrupt = {
    get 0() {
      if (++clock.polls < POLL_STRIDE) return 0;
      clock.polls = 0;
      const time = now();
      if ((time <= clock.deadline && !stopRequested()) || time - clock.lastFire < REFIRE_MS) return 0;
      clock.fired = true;
      clock.lastFire = time;
      return 2;
    },
    set 0(_value) {},
  };
  return {
    pyodide,
    dead: false,
    used: false,
    /** Run `body` with the interrupt armed to fire `ms` from now, disarmed afterwards (disarming throws once
     * the interpreter has fatally failed: it is dead then). */
    underDeadline(ms, body) {
      clock.deadline = now() + ms;
      clock.fired = false;
      clock.lastFire = 0;
      pyodide.setInterruptBuffer(interrupt);
      try {
        return body();
      } finally {
        clock.deadline = Infinity;
        try { pyodide.setInterruptBuffer(undefined); } catch { this.dead = true; }
      }
    },
    /** True when nothing a run could leave behind is left: the instance may serve another run. */
    isClean() {
      if (this.dead || pyodide._module.HEAPU8.byteLength > REUSE_HEAP_LIMIT) return false;
      // Under a deadline too: what a solution left in sys.modules or NumPy could loop when looked at.
      try {
        return this.underDeadline(CLEAN_CHECK_MS, () => fingerprint() === initialFingerprint && !clock.fired);
      } catch {
        return false;
      }
    },
    /** Run `body`, one call into the student's code, under a deadline of `timeoutMs`; the instance is retired
     * when its memory grew too far, and dead when the call crashed it.
     * @returns {{status: string, reply?: any, detail?: string}} "ok" with body's value, "timeout" or "crashed" */
    call(timeoutMs, body) {
      this.used = true;
      try {
        const reply = this.underDeadline(timeoutMs, body);
        if (pyodide._module.HEAPU8.byteLength > RETIRE_HEAP_LIMIT) this.dead = true;
        return clock.fired ? { status: "timeout" } : { status: "ok", reply };
      } catch (error) {
        const fatal = isFatal(error, pyodide);
        // An interrupt can escape even the handler's own `except BaseException` (seen with tight loops).
        if (!fatal && clock.fired) return { status: "timeout" };
        this.dead = true;
        const lines = String(error && error.message || error).split("\n");
        return { status: "crashed", detail: (fatal ? lines[0] : lines.slice(-2).join(" ")).slice(0, 300) };
      }
    },
    /** The console's reply to one entry (runner/student/student_console.py), under a deadline like a call.
     * @returns {{status: string, reply?: object, detail?: string}} */
    console(source, entry, timeoutMs) {
      return this.call(timeoutMs, () => {
        consoleJson ??= pyodide.runPython("from runner.student.student_console import console_json\nconsole_json");
        return parseJSON(consoleJson(source, entry, JSON.stringify(options.bundle.imports || {})));
      });
    },
    /** @returns {{status: string, reply?: Uint8Array, detail?: string}} */
    request(payload, timeoutMs) {
      return this.call(timeoutMs, () => handle(payload));
    },
  };
}

