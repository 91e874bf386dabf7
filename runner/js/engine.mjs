// The Pyodide grading engine, shared by Node (runner/js/node_main.mjs) and the page's worker: a judge
// instance that runs the hidden tests with pytest, and a student instance that only runs solution.py.
// The judge reaches the student synchronously through the JS module `_runner_bridge`
// (runner/harness/transport_bridge.py); both live in the same thread.
import { sharedUnpacking } from "./shared_unpack.mjs";
import { globalsChanged, interfered, snapshotGlobals } from "./tamper_watch.mjs";

/**
 * @typedef {object} Bundle  What the build writes to bundle.json (runner/bundle.py).
 * @property {Record<string, string>} judge_files    path under /grader -> text
 * @property {Record<string, string>} student_files  path under /grader -> text
 * @property {string[]} judge_packages
 * @property {string[]} student_packages
 * @property {object} exercise  the exercise metadata
 */

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
const parseJSON = JSON.parse;

/** Signals a load that failed; `stage` names which one. */
export class EngineLoadError extends Error {
  constructor(stage, message) {
    super(`${stage}: ${message}`);
    this.stage = stage;
  }
}

function isFatal(error, pyodide) {
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

/** The harness files, then the finder for modules kept in python_rest.zip (runner/harness/lazy_modules.py),
 * before anything else is imported. */
function prepare(pyodide, files, lazyModules) {
  writeFiles(pyodide, files);
  pyodide.runPython(`import sys; sys.path.insert(0, "${GRADER_DIR}")`);
  if (!lazyModules) return;
  pyodide.registerJsModule("_runner_rest", { index: JSON.stringify(lazyModules.index), read: lazyModules.read });
  pyodide.runPython("import _runner_rest\nfrom runner.harness.lazy_modules import install\ninstall(_runner_rest.index, _runner_rest.read)");
}

export async function loadPackagesChecked(pyodide, names, stage, urls = {}) {
  if (!names.length) return;
  await pyodide.loadPackage(names.map((name) => urls[name] || name), { messageCallback: () => {}, errorCallback: () => {} });
  // loadPackage does not throw when a package fails to load (Pyodide 0.27.7): check what arrived.
  const missing = names.filter((name) => !(name in pyodide.loadedPackages));
  if (missing.length) throw new EngineLoadError(stage, `could not load ${missing.join(", ")}`);
}

/** The judge's memory right after Pyodide's start-up, before any harness file or hidden test reaches it:
 * every student instance starts from it, which skips CPython's and Pyodide's own start-up (about half a
 * student instance's load). Pyodide 0.27.7's snapshot API is private (`_makeSnapshot`, `_loadSnapshot`:
 * https://github.com/pyodide/pyodide/blob/0.27.7/src/js/snapshot.ts), so a snapshot that cannot be
 * taken means plain loads instead. */
function freshSnapshot(judge) {
  try {
    return judge.makeMemorySnapshot();
  } catch {
    return null;
  }
}

/**
 * A student instance: one Pyodide running only solution.py, answering wire messages.
 * Calls run under a deadline: an interrupt buffer whose index 0 reads 2 once the deadline has passed
 * (Pyodide reads only index 0, so a plain object works without SharedArrayBuffer). It fires again every
 * REFIRE_MS until the call returns: a single interrupt is sometimes lost in a tight loop (seen with
 * Pyodide 0.27.7), and a student's `except BaseException` may swallow one.
 */
export async function createStudent(options) {
  const pyodide = await options.loadPyodide(options.pyodideOptions);
  // A fresh interpreter has `random` imported and seeded: one started from the snapshot would draw the
  // snapshot's numbers, the same in every student interpreter, so it takes a new seed.
  pyodide.runPython(`import sys\nif "random" in sys.modules: sys.modules["random"].seed()`);
  prepare(pyodide, options.bundle.student_files, options.lazyModules);
  options.shareUnpacking?.(pyodide);
  await loadPackagesChecked(pyodide, options.bundle.student_packages, "student packages");
  pyodide.runPython(`import numpy\nfrom runner.harness.student_entry import handle\nfrom runner.harness.student_side import fingerprint`);
  const handle = pyodide.globals.get("handle");
  const fingerprint = pyodide.globals.get("fingerprint");
  const initialFingerprint = fingerprint();
  const clock = { deadline: Infinity, fired: false, lastFire: 0, polls: 0 };
  const interrupt = {
    get 0() {
      if (++clock.polls < POLL_STRIDE) return 0;
      clock.polls = 0;
      const time = now();
      if (time <= clock.deadline || time - clock.lastFire < REFIRE_MS) return 0;
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
    /** @returns {{status: string, reply?: Uint8Array, detail?: string}} */
    request(payload, timeoutMs) {
      this.used = true;
      try {
        const answer = this.underDeadline(timeoutMs, () => {
          const reply = handle(payload);
          return clock.fired ? { status: "timeout" } : { status: "ok", reply };
        });
        if (pyodide._module.HEAPU8.byteLength > RETIRE_HEAP_LIMIT) this.dead = true;
        return answer;
      } catch (error) {
        if (isFatal(error, pyodide)) {
          this.dead = true;
          return { status: "crashed", detail: String(error && error.message || error).split("\n")[0].slice(0, 300) };
        }
        // An interrupt can escape even the handler's own `except BaseException` (seen with tight loops).
        if (clock.fired) return { status: "timeout" };
        this.dead = true;
        return { status: "crashed", detail: String(error && error.message || error).split("\n").slice(-2).join(" ").slice(0, 300) };
      }
    },
  };
}

/**
 * Start the engine: the judge loads, then the student starts from its snapshot while the judge loads its
 * packages; `onStage(name, state)` reports
 * "runtime", "packages" and "harness" as they start and finish.
 * @param {{loadPyodide: Function, pyodideOptions: object, bundle: Bundle, onStage?: Function, runtime?: object,
 *          spares?: number, packageUrls?: Record<string, string>,
 *          reuseStudent?: boolean,
 *          lazyModules?: {index: object, read: () => Uint8Array}}} options
 *   reuseStudent: keep a student instance for the next run when its state is unchanged (the page).
 *   spares: fresh student instances kept loaded ahead (default 1). With 0, one loads only when a run
 *     leaves its student unusable (changed or crashed): right after that run, in the background.
 *   packageUrls: wheels to load from a URL instead of the lock (the CDN build serves pytest itself).
 *   lazyModules: {index, read}: python_rest.json and a synchronous reader of python_rest.zip's bytes.
 */
export async function startEngine(options) {
  const onStage = options.onStage || (() => {});
  const unpacking = sharedUnpacking(options.bundle.student_packages);
  const studentOptions = { ...options, shareUnpacking: unpacking.hook };
  // Fresh student instances, loaded ahead: a run takes one when its student is used or dead, and one
  // replaces a student that dies mid-run at once if it is ready (else those tests wait: see grade()).
  const spareTarget = options.spares ?? 1;
  const spares = { ready: [], loading: 0, waiters: [] };
  const topUp = (wanted = spareTarget) => {
    while (spares.ready.length + spares.loading < wanted) {
      spares.loading += 1;
      createStudent(studentOptions).then((instance) => {
        spares.loading -= 1;
        spares.ready.push(instance);
        spares.waiters.splice(0).forEach((resolve) => resolve());
      }, (error) => {
        spares.loading -= 1;
        spares.waiters.splice(0).forEach((resolve) => resolve(error));
      });
    }
  };
  /** Resolves once `count` spares are ready (or a load failed), loading them if need be. */
  const sparesReady = async (count) => {
    topUp(Math.max(count, spareTarget));
    while (spares.ready.length < count) {
      const error = await new Promise((resolve) => spares.waiters.push(resolve));
      if (error) throw error;
      topUp(Math.max(count, spareTarget));
    }
  };

  onStage("runtime", "start");
  const judge = await options.loadPyodide({ ...options.pyodideOptions, _makeSnapshot: true });
  const snapshot = freshSnapshot(judge);
  if (snapshot) studentOptions.pyodideOptions = { ...options.pyodideOptions, _loadSnapshot: snapshot };
  const studentPromise = createStudent(studentOptions);
  unpacking.hook(judge);
  prepare(judge, options.bundle.judge_files, options.lazyModules);
  onStage("runtime", "done");
  onStage("packages", "start");
  await loadPackagesChecked(judge, options.bundle.judge_packages, "judge packages", options.packageUrls);
  onStage("packages", "done");
  onStage("harness", "start");
  judge.runPython(`import numpy, pytest\nfrom runner.harness.pyodide_entry import grade_json, configure_pytest\nconfigure_pytest()`);
  const gradeJson = judge.globals.get("grade_json");
  let student = await studentPromise;
  onStage("harness", "done");

  const swapToSpare = () => {
    student = spares.ready.shift() || null;
    topUp();
    return student !== null;
  };
  judge.registerJsModule("_runner_bridge", {
    request(payload, timeoutMs) {
      if (!student || student.dead) {
        if (!swapToSpare()) return { status: "starved" };  // grade() runs this test again once one is ready
      }
      return student.request(payload, timeoutMs);
    },
    restart() {
      if (student && student.dead) swapToSpare();
    },
  });
  const runtime = JSON.stringify({ pyodide: judge.version, student_start: snapshot ? "snapshot" : "fresh",
    unpacked_once: unpacking.copies() > 0, ...(options.runtime || {}) });
  topUp();
  let settling = null;  // the previous run's last step (see the end of grade)

  return {
    pyodide: judge,
    /** True once a run changed this thread's globals (student code through `import js`): the engine can
     * no longer be trusted for another run and its host must replace it. */
    tampered: false,
    /** The WebAssembly memory of every interpreter this engine holds (the benchmark's "worker memory"). */
    memoryBytes() {
      const instances = [judge, student?.pyodide, ...spares.ready.map((spare) => spare.pyodide)].filter(Boolean);
      return instances.reduce((total, pyodide) => total + pyodide._module.HEAPU8.byteLength, 0);
    },
    /**
     * Grade one solution. Each run gets a student instance nobody has used, or (with reuseStudent) one
     * whose state the previous run left unchanged, so nothing a previous solution did to its interpreter
     * (patched NumPy, seeded RNG) carries over.
     * @param {string} source
     * @param {(kind: string, payload: object) => void} [onEvent]  hears "started", "collected", each "result";
     *   "waiting" while a fresh interpreter loads for tests to run again, then "started" again
     * @param {{seed?: number}} [options]  the run's data seed (runner/harness/seeding.py); none: a fresh one
     * @returns {Promise<object>} the results (runner/results.schema.json)
     */
    async grade(source, onEvent, { seed = null } = {}) {
      await settling;
      if (!student || student.dead || student.used) {
        await sparesReady(1);
        swapToSpare();
      }
      const runSeconds = Number(options.bundle.exercise.limits.run_seconds);
      let results = null;
      let starved = null;
      // Tests that found no student interpreter ready (one crashed and no spare was loaded yet) run again
      // once one is: each pass gives the first of them a fresh interpreter, so the loop ends.
      for (;;) {
        onEvent?.("started", null);  // the run's time limit starts now, not while interpreters load
        const first = results === null;
        const forward = onEvent ? (kind, text) => { if (first || kind !== "collected") onEvent(kind, parseJSON(text)); } : undefined;
        // The judge's run is synchronous, so nothing else touches the globals between these two points.
        const before = snapshotGlobals();
        const text = first ? gradeJson(source, forward, runtime, "null", "null", null, seed)
          : gradeJson(source, forward, runtime, JSON.stringify(starved), JSON.stringify(results), Math.max(0, runSeconds - results.duration));
        const tampered = globalsChanged(before);
        if (tampered) this.tampered = true;
        results = parseJSON(text);
        if (tampered) results = interfered(results);
        starved = results.starved_tests;
        delete results.starved_tests;
        if (!starved || this.tampered) break;
        onEvent?.("waiting", null);
        try {
          await sparesReady(1);
        } catch {
          break;  // the placeholder results say the tests could not run
        }
        swapToSpare();
      }
      // After the host has the results (a macrotask later; the check takes milliseconds): the page may
      // reuse a student whose interpreter the run left as it found it; the CLI never does, so one hand-in
      // can never affect another. The next run's interpreter starts loading then, while the student reads.
      const engine = this;
      settling = new Promise((resolve) => setTimeout(resolve, 0)).then(() => {
        if (options.reuseStudent && !engine.tampered && student && student.isClean()) student.used = false;
        topUp(student && !student.used && !student.dead ? spareTarget : Math.max(1, spareTarget));
      });
      return results;
    },
  };
}
