// The Pyodide grading engine, shared by Node (runner/js/node_main.mjs) and the page's worker: a judge
// instance that runs the hidden tests with pytest, and a student instance that only runs solution.py.
// The judge reaches the student synchronously through the JS module `_runner_bridge`
// (runner/harness/transport_bridge.py); both live in the same thread.

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

async function loadPackagesChecked(pyodide, names, stage, urls = {}) {
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
 * Pyodide 0.27.7), and a student's `except BaseException` may swallow one.
 */
async function createStudent(options) {
  const pyodide = await options.loadPyodide(options.pyodideOptions);
  await loadPackagesChecked(pyodide, options.bundle.student_packages, "student packages");
  writeFiles(pyodide, options.bundle.student_files);
  pyodide.runPython(`import sys; sys.path.insert(0, "${GRADER_DIR}")\nimport numpy\nfrom runner.harness.student_entry import handle`);
  const handle = pyodide.globals.get("handle");
  const clock = { deadline: Infinity, fired: false, lastFire: 0 };
  const interrupt = {
    get 0() {
      const now = performance.now();
      if (now <= clock.deadline || now - clock.lastFire < REFIRE_MS) return 0;
      clock.fired = true;
      clock.lastFire = now;
      return 2;
    },
    set 0(_value) {},
  };
  return {
    pyodide,
    dead: false,
    used: false,
    /** @returns {{status: string, reply?: Uint8Array, detail?: string}} */
    request(payload, timeoutMs) {
      this.used = true;
      clock.deadline = performance.now() + timeoutMs;
      clock.fired = false;
      clock.lastFire = 0;
      pyodide.setInterruptBuffer(interrupt);
      try {
        const reply = handle(payload);
        if (clock.fired) return { status: "timeout" };
        return { status: "ok", reply };
      } catch (error) {
        if (isFatal(error, pyodide)) {
          this.dead = true;
          return { status: "crashed", detail: String(error && error.message || error).split("\n")[0].slice(0, 300) };
        }
        // An interrupt can escape even the handler's own `except BaseException` (seen with tight loops).
        if (clock.fired) return { status: "timeout" };
        this.dead = true;
        return { status: "crashed", detail: String(error && error.message || error).split("\n").slice(-2).join(" ").slice(0, 300) };
      } finally {
        clock.deadline = Infinity;
        try { pyodide.setInterruptBuffer(undefined); } catch { this.dead = true; }  // throws once fatally failed
      }
    },
  };
}

/**
 * Start the engine: both instances load in parallel; `onStage(name, state)` reports
 * "runtime", "packages" and "harness" as they start and finish.
 * @param {{loadPyodide: Function, pyodideOptions: object, bundle: Bundle, onStage?: Function, runtime?: object,
 *          awaitSpare?: boolean, packageUrls?: Record<string, string>}} options
 *   packageUrls: wheels to load from a URL instead of the lock (the CDN build serves pytest itself).
 */
export async function startEngine(options) {
  const onStage = options.onStage || (() => {});
  const studentOptions = { ...options };
  const spare = { instance: null, loading: null };
  const prepareSpare = () => {
    if (spare.instance || spare.loading) return spare.loading;
    spare.loading = createStudent(studentOptions).then(
      (instance) => { spare.instance = instance; spare.loading = null; },
      (error) => { spare.loading = null; throw error; });
    return spare.loading;
  };

  onStage("runtime", "start");
  const judgePromise = options.loadPyodide(options.pyodideOptions);
  const studentPromise = createStudent(studentOptions);
  const judge = await judgePromise;
  onStage("runtime", "done");
  onStage("packages", "start");
  await loadPackagesChecked(judge, options.bundle.judge_packages, "judge packages", options.packageUrls);
  onStage("packages", "done");
  onStage("harness", "start");
  writeFiles(judge, options.bundle.judge_files);
  judge.runPython(`import sys; sys.path.insert(0, "${GRADER_DIR}")\nimport numpy, pytest\nfrom runner.harness.pyodide_entry import grade_json`);
  const gradeJson = judge.globals.get("grade_json");
  let student = await studentPromise;
  onStage("harness", "done");

  const swapToSpare = () => {
    student = spare.instance;
    spare.instance = null;
    if (!student) return false;
    prepareSpare()?.catch(() => {});
    return true;
  };
  judge.registerJsModule("_runner_bridge", {
    request(payload, timeoutMs) {
      if (!student || student.dead) {
        if (!swapToSpare()) return { status: "crashed", detail: "the student interpreter crashed earlier in this run and no fresh one was ready yet" };
      }
      return student.request(payload, timeoutMs);
    },
    restart() {
      if (student && student.dead) swapToSpare();
    },
  });
  const runtime = JSON.stringify({ pyodide: judge.version, ...(options.runtime || {}) });
  prepareSpare()?.catch(() => {});  // loads while the student types; replaces a student that dies mid-run

  return {
    pyodide: judge,
    /**
     * Grade one solution. Each run gets a student instance nobody has used, so nothing a previous
     * solution did to its interpreter (patched NumPy, seeded RNG) carries over.
     * @param {string} source
     * @param {(kind: string, payload: object) => void} [onEvent]
     * @returns {Promise<object>} the results (runner/results.schema.json)
     */
    async grade(source, onEvent) {
      if (!student || student.dead || student.used) {
        if (!spare.instance) await prepareSpare();
        swapToSpare();
      }
      // With awaitSpare (Node), a student that dies mid-run is always replaced at once; the page does not
      // wait, and a second crash in one run before the spare is ready fails the remaining tests clearly.
      if (options.awaitSpare) await prepareSpare();
      else prepareSpare()?.catch(() => {});
      const forward = onEvent ? (kind, text) => onEvent(kind, JSON.parse(text)) : undefined;
      return JSON.parse(gradeJson(source, forward, runtime));
    },
  };
}
