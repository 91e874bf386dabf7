// The Pyodide grading engine, shared by Node (runner/engines/node_engine.mjs) and the page's worker: a judge
// instance that runs the hidden tests with pytest, and a student instance that only runs solution.py.
// The judge reaches the student synchronously through the JS module `_runner_bridge`
// (runner/judge/in_pyodide/transport_bridge.py); both live in the same thread.
import { sharedUnpacking } from "./shared_unpack.mjs";
import { createStudent, loadPackagesChecked, parseJSON, prepare } from "./student_instance.mjs";
import { globalsChanged, interfered, snapshotGlobals } from "./tamper_watch.mjs";

/**
 * @typedef {object} Bundle  What the build writes to bundle.json (runner/bundle.py).
 * @property {Record<string, string>} judge_files    path under /grader -> text
 * @property {Record<string, string>} student_files  path under /grader -> text
 * @property {string[]} judge_packages
 * @property {string[]} student_packages
 * @property {{limits: {run_seconds: number, call_seconds: number, test_seconds: number}}} exercise  exercise.json
 *   as runner/bundle.py publishes it, defaults merged (published_metadata): the page's config holds the same
 */

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
 * Start the engine: the judge loads, then the student starts from its snapshot while the judge loads its
 * packages; `onStage(name, state)` reports
 * "runtime", "packages" and "harness" as they start and finish.
 * @param {{loadPyodide: Function, pyodideOptions: object, bundle: Bundle, onStage?: Function, runtime?: object,
 *          spares?: number, packageUrls?: Record<string, string>,
 *          reuseStudent?: boolean, stopRequested?: () => boolean,
 *          lazyModules?: {index: object, read: () => Uint8Array}}} options
 *   reuseStudent: keep a student instance for the next run when its state is unchanged (the page).
 *   spares: fresh student instances kept loaded ahead (default 1). With 0, one loads only when a run
 *     leaves its student unusable (changed or crashed): right after that run, in the background.
 *   packageUrls: wheels to load from a URL instead of the lock (the CDN build serves pytest itself).
 *   lazyModules: {index, read}: python_rest.json and a synchronous reader of python_rest.zip's bytes.
 *   stopRequested: () => boolean, true once the host wants the job under way stopped (worker.js): student
 *     code is interrupted as at a deadline and the run's remaining calls time out at once.
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
  judge.runPython(`import numpy, pytest\nfrom runner.judge.in_pyodide.pyodide_entry import grade_json, configure_pytest\nconfigure_pytest()`);
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
      // Stopped (issue 29): the rest of the run's calls end at once, so the run does too.
      if (options.stopRequested?.()) return { status: "timeout" };
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
  let consoleStudent = null;  // the console's own student instance (see console)

  return {
    pyodide: judge,
    /** True once a run changed this thread's globals (student code through `import js`): the engine can
     * no longer be trusted for another run and its host must replace it. */
    tampered: false,
    /** Resolves once the last run has settled: the next run would start at once. */
    settled() {
      return settling;
    },
    /** The WebAssembly memory of every interpreter this engine holds (the benchmark's "worker memory"). */
    memoryBytes() {
      const instances = [judge, student?.pyodide, consoleStudent?.pyodide, ...spares.ready.map((spare) => spare.pyodide)].filter(Boolean);
      return instances.reduce((total, pyodide) => total + pyodide._module.HEAPU8.byteLength, 0);
    },
    /**
     * Run one console entry against `source` (issue 29) in the console's own student instance, loaded at the
     * first entry and kept while it lives, so names persist between entries; no run ever grades in it.
     * @param {() => void} [onStarted]  hears when the entry starts, its interpreter loaded
     * @returns {Promise<{status: string, reply?: object, detail?: string, fresh: boolean}>} fresh: a new
     *   instance answered (names from earlier entries are gone)
     */
    async console(source, entry, onStarted) {
      await settling;
      const fresh = !consoleStudent || consoleStudent.dead;
      if (fresh) consoleStudent = await createStudent(studentOptions);
      onStarted?.();  // the entry's time limit starts now, not while its interpreter loads (as a run's "started")
      const before = snapshotGlobals();
      const answer = consoleStudent.console(source, entry, Number(options.bundle.exercise.limits.call_seconds) * 1000);
      if (globalsChanged(before)) this.tampered = true;
      return { ...answer, fresh };
    },
    /**
     * Grade one solution. Each run gets a student instance nobody has used, or (with reuseStudent) one
     * whose state the previous run left unchanged, so nothing a previous solution did to its interpreter
     * (patched NumPy, seeded RNG) carries over.
     * @param {string} source
     * @param {(kind: string, payload: object) => void} [onEvent]  hears "started", "collected", each "result";
     *   "waiting" while a fresh interpreter loads for tests to run again, then "started" again
     * @param {{seed?: number}} [options]  the run's data seed (runner/judge/seeding.py); none: a fresh one
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
