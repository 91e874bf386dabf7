// The student page: editor, Run tests, results, saving. The main thread never runs Python (see worker.js).
import { createEditor } from "./editor.bundle.js";
import { GraderClient } from "./grader_client.js";
import { offlineKeeper } from "./offline.js";
import { ConsoleView } from "./console_view.js";
import { wireFileActions } from "./file_actions.js";
import { noticesIn } from "./notices.js";
import { ProgressView } from "./progress_view.js";
import { VersionHistory } from "./history.js";
import { HistoryView } from "./history_view.js";
import { renderRunError, renderTests, summarize } from "./results_view.js";
import { CodeStore, debounce, storageAvailable } from "./storage.js";

const config = JSON.parse(document.getElementById("exercise-config").textContent);
const $ = (selector) => document.querySelector(selector);
const here = (path) => new URL(path, document.baseURI).href;

const store = new CodeStore(config.id);
const canStore = storageAvailable();
const saved = store.load();
const starter = config.starter;
const notice = noticesIn($("#notices"));

const keepForOffline = offlineKeeper(config.serviceWorker, notice);  // called once Python is ready

// -- editor, saving and history --------------------------------------------------------------------------
const saveStatus = $("#save-status");
const versions = new VersionHistory(config.id);
let otherTab = null;  // code another tab saved, while this tab's student has not chosen: nothing is saved then
const save = debounce((code) => {
  if (otherTab !== null) {
    saveStatus.textContent = "Not saved: another tab changed this exercise (choose above)";
    return;
  }
  saveStatus.textContent = !canStore ? "Not saved: this browser keeps nothing for the exercise here"
    : store.save(code, config.starterHash, config.version) ? "Saved in this browser"
      : "Could not save in this browser (storage is full)";
}, 400);

/** Keep `code` in the history; say so if the browser's storage refuses. */
function keep(code, source, details) {
  if (versions.add(code, source, details) === "refused" && canStore) notice("The history could not be saved: this browser's storage is full.");
}

const editor = createEditor({
  parent: $("#editor"),
  doc: saved ? saved.code : starter,
  label: "solution.py, Python code editor",
  onChange: (code) => { saveStatus.textContent = "Saving…"; save(code); showStale(); },
  onRun: () => runTests(),
});
document.body.dataset.editorReady = "true";
document.body.dataset.editorReadyAt = String(Math.round(performance.now()));  // read by the benchmark
addEventListener("pagehide", () => { save.flush(); keep(editor.getText(), "this tab"); });
document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") save.flush(); });

// Another tab of this exercise saved different code: keep it in the history, save nothing here until the
// student chooses which to go on with (issue 21).
store.watch((theirs) => {
  if (theirs.code === editor.getText()) return;
  keep(theirs.code, "other tab");
  const first = otherTab === null;
  otherTab = theirs.code;
  if (!first) return;
  saveStatus.textContent = "Not saved: another tab changed this exercise (choose above)";
  notice("Another tab saved different code for this exercise. Which do you want to go on with? Both are in the History.", {
    dismissible: false,
    actions: [
      { label: "Load the other tab's code", run: () => {
        const mine = editor.getText();
        const theirsNow = otherTab;
        keep(mine, "this tab");
        otherTab = null;
        editor.setText(theirsNow);
        notice("Loaded the other tab's code.", { actionLabel: "Undo", action: () => editor.setText(mine) });
      } },
      { label: "Keep mine", run: () => {
        otherTab = null;
        save(editor.getText());
        save.flush();
      } },
    ],
  });
});

const historyView = new HistoryView({
  dialog: $("#history-dialog"),
  history: versions,
  onRestore: (version) => {
    const previous = editor.getText();
    keep(previous, "this tab");
    editor.setText(version.code);
    const when = new Date(version.at).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
    notice(`Restored your code from ${when}.`, { actionLabel: "Undo", action: () => { editor.setText(previous); editor.focus(); } });
    editor.focus();
  },
});
$("#history").addEventListener("click", () => historyView.open());

if (saved && saved.starterHash !== config.starterHash && saved.code !== starter) {
  notice(`This exercise was updated (version ${config.version}). Your code was kept; "Reset to starter" loads the new starter.`);
}
if (saved) saveStatus.textContent = "Restored your saved code";
if (!canStore) {
  // Inside another site's page a browser may keep no data for this one (issue 29): say so before any work is lost.
  notice("This browser does not let the exercise keep your code here (it is inside another site's page, or its "
    + "data is blocked): nothing is saved. Download solution.py to keep your work, or open the exercise in a tab of its own.", {
    dismissible: false,
    actions: [{ label: "Open in a tab of its own", run: () => open(location.href, "_blank", "noopener") }],
  });
}

// -- running ----------------------------------------------------------------------------------------------
const runButton = $("#run");
const stopButton = $("#stop");
const stale = $("#stale");
const summary = $("#summary");
const testList = $("#tests");
const runError = $("#run-error");
const dataSeed = $("#data-seed");
$("#private-note").hidden = !config.privateTests;
const keepData = $("#keep-data");
const progress = new ProgressView($("#loading"));
const testNames = config.tests.map((name) => ({ name }));
const goToLine = (line) => editor.goToLine(line);
const onTry = (replay) => consoleView.replay(replay.code);  // "Try this input" (issue 29)
let lastRun = null;  // {code, results} of the latest run, for the submission file
renderTests(testList, testNames, [], { running: false, goToLine, onTry });

/** Results always say which code they belong to: a note while the editor differs from the graded code. */
function showStale() {
  stale.hidden = !lastRun || lastRun.code === editor.getText();
}

// Timings and the worker's memory, as data attributes on <body>: read by the benchmark (runner/bench/).
const timings = document.body.dataset;
let runRequestedAt = 0;

const grader = new GraderClient({
  workerUrl: new URL("../pyodide_engine/worker.js", import.meta.url),
  config: {
    pyodideModule: here(config.pyodide.module),
    pyodideBase: here(config.pyodide.base),
    bundleUrl: here(config.bundle),
    restIndexUrl: config.pyodide.rest && here(config.pyodide.rest),
    prefetch: (config.pyodide.prefetch || []).map(here),
    downloadBytes: config.pyodide.downloadBytes,
    packageUrls: Object.fromEntries(Object.entries(config.pyodide.packageUrls).map(([name, url]) => [name, here(url)])),
  },
  schema: config.schema,
  runSeconds: config.limits.run_seconds,
  callSeconds: config.limits.call_seconds,
  listeners: {
    onProgress: (message) => progress.update(message),
    onReady: ({ interrupts }) => {
      progress.ready();
      document.body.dataset.pythonReady = "true";
      timings.pythonReadyAt = String(performance.now());
      showStopMode(interrupts);
      keepForOffline();
    },
    onFailed: (message) => progress.failed(message),
    onRestart: () => {
      progress.restarting();
      delete document.body.dataset.pythonReady;
      document.body.dataset.pythonRestarts = String(Number(document.body.dataset.pythonRestarts || 0) + 1);
    },
    onMemory: (bytes) => { timings.workerMemory = String(bytes); },
    onRun: (event, run, results) => {
      const names = run.collected.length ? run.collected : testNames;
      if (event === "result" && run.finished.at(-1)?.kind === "timeout") timings.lastTimeoutAt = String(performance.now());
      if (event === "queued") {
        runRequestedAt = performance.now();
        runButton.setAttribute("aria-busy", "true");
        stopButton.hidden = false;
        stale.hidden = true;
        summary.textContent = grader.ready || grader.stopping ? "Running the tests…"
          : "Python is still loading; your run will start as soon as it is ready.";
        renderTests(testList, names, [], { running: false, goToLine, onTry });
        runError.hidden = true;
      } else if (event === "started" || event === "collected" || event === "result") {
        renderTests(testList, names, run.finished, { running: true, goToLine, onTry });
      } else if (event === "done") {
        lastRun = { code: run.source, results };
        runButton.removeAttribute("aria-busy");
        if (document.activeElement === stopButton) runButton.focus();
        stopButton.hidden = true;
        const passed = results.tests.filter((t) => t.status === "pass").length;
        keep(run.source, "run", { score: results.kind === "stopped" ? "stopped" : `${passed}/${results.tests.length}` });
        showStale();
        renderTests(testList, results.tests.length ? results.tests : names, results.tests, { running: false, goToLine, onTry });
        renderRunError(runError, results, goToLine);
        showSeed(results.seed);
        summary.textContent = summarize(results);
        timings.lastDoneAt = String(performance.now());
        timings.lastRunMs = String(performance.now() - runRequestedAt);
        // the slowest test's own time, as the judge measured it: the bench's figure for a capstone's training
        timings.slowestTestMs = String(Math.max(0, ...results.tests.map((test) => Number(test.duration) * 1000 || 0)));
        document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
      }
    },
  },
});

/** Say what Stop does here (issue 29): on a cross-origin isolated page it interrupts the code and Python stays
 * ready; elsewhere (a first visit, an embedding page, no service worker) it restarts Python. */
function showStopMode(interrupts) {
  document.body.dataset.stopMode = interrupts ? "interrupt" : "restart";
  $("#stop-mode").textContent = interrupts ? "Stop interrupts your code; Python stays ready."
    : "Stop restarts Python, which takes a few seconds.";
}

// Each run's tests draw new data from a fresh seed (issue 26); the student can run again on the last run's
// data, once or for every run while the box is ticked, so that a failure being debugged does not move.
let lastSeed = null;
function showSeed(seed) {
  dataSeed.hidden = !Number.isInteger(seed);
  if (dataSeed.hidden) return;
  lastSeed = seed;
  $("#data-seed-text").textContent = keepData.checked
    ? `The tests used the data you kept (seed ${seed}).`
    : `The tests drew new data for this run (seed ${seed}).`;
}

/** Run the code in the editor now: a run under way is stopped first, so a press is never ignored. */
function runTests({ sameData = keepData.checked } = {}) {
  if (grader.busy) grader.stop({ names: testNames, reason: "a new run started with the code in the editor" });
  save.flush();
  grader.run(editor.getText(), sameData && lastSeed !== null ? { seed: lastSeed } : {});
}
$("#same-data").addEventListener("click", () => runTests({ sameData: true }));
function stopRun() {
  grader.stop({ names: testNames });
}
runButton.addEventListener("click", () => runTests());
stopButton.addEventListener("click", stopRun);
$("#run-again").addEventListener("click", () => runTests());
// Escape stops a run from the results area (focusable by a click) or from the Run and Stop buttons; the editor
// keeps Escape for leaving it, dialogs for closing.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || !grader.busy || !(event.target instanceof Element)) return;
  if (event.target.closest(".results") || event.target === runButton || event.target === stopButton) {
    event.preventDefault();
    stopRun();
  }
});
document.addEventListener("keydown", (event) => {
  // the editor handles its own Ctrl+Enter (and marks it handled): one press, one run
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) { event.preventDefault(); runTests(); }
});

// -- the console (issue 29): the student's own tries, in an interpreter no grade reads -----------------------
$("#console-names").textContent = config.consoleNames.join(", ");
const consoleView = new ConsoleView({
  form: $("#console-form"), input: $("#console-input"), log: $("#console-log"), examples: $("#console-examples"),
  run: (entry) => { save.flush(); return grader.console(editor.getText(), entry); },
  stop: () => grader.stopConsole(),
  goToLine, exampleEntries: config.examples, callSeconds: config.limits.call_seconds,
});

// -- reset, download, open, drop --------------------------------------------------------------------------
wireFileActions({ editor, starter, config, keep, notice, lastRun: () => lastRun });
