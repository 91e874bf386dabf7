// The student page: editor, Run tests, results, saving. The main thread never runs Python (see worker.js).
import { createEditor } from "./editor.bundle.js";
import { GraderClient } from "./grader_client.js";
import { ProgressView } from "./progress_view.js";
import { renderRunError, renderTests, summarize } from "./results_view.js";
import { CodeStore, debounce } from "./storage.js";

const config = JSON.parse(document.getElementById("exercise-config").textContent);
const $ = (selector) => document.querySelector(selector);
const here = (path) => new URL(path, document.baseURI).href;

const store = new CodeStore(config.id);
const saved = store.load();
const starter = config.starter;
const notices = $("#notices");

function notice(text, { action, actionLabel, timeoutMs } = {}) {
  const item = document.createElement("div");
  item.className = "notice";
  item.append(Object.assign(document.createElement("span"), { textContent: text }));
  if (action) {
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: actionLabel });
    button.addEventListener("click", () => { action(); item.remove(); });
    item.append(button);
  }
  const close = Object.assign(document.createElement("button"), { type: "button", textContent: "Dismiss", className: "quiet" });
  close.addEventListener("click", () => item.remove());
  item.append(close);
  notices.replaceChildren(item);
  if (timeoutMs) setTimeout(() => item.remove(), timeoutMs);
  return item;
}

// -- editor and saving ------------------------------------------------------------------------------------
const saveStatus = $("#save-status");
const save = debounce((code) => {
  saveStatus.textContent = store.save(code, config.starterHash, config.version)
    ? "Saved in this browser" : "Could not save in this browser (storage is full or disabled)";
}, 400);

const editor = createEditor({
  parent: $("#editor"),
  doc: saved ? saved.code : starter,
  label: "solution.py, Python code editor",
  onChange: (code) => { saveStatus.textContent = "Saving…"; save(code); },
  onRun: () => runTests(),
});
document.body.dataset.editorReady = "true";
document.body.dataset.editorReadyAt = String(Math.round(performance.now()));  // read by the benchmark
addEventListener("pagehide", () => save.flush());
document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") save.flush(); });

if (saved && saved.starterHash !== config.starterHash && saved.code !== starter) {
  notice(`This exercise was updated (version ${config.version}). Your code was kept; "Reset to starter" loads the new starter.`);
}
if (saved) saveStatus.textContent = "Restored your saved code";

// -- running ----------------------------------------------------------------------------------------------
const runButton = $("#run");
const summary = $("#summary");
const testList = $("#tests");
const runError = $("#run-error");
const progress = new ProgressView($("#loading"));
const testNames = config.tests.map((name) => ({ name }));
const goToLine = (line) => editor.goToLine(line);
let lastRun = null;  // {code, results} of the latest run, for the submission file
renderTests(testList, testNames, [], { running: false, goToLine });

// Timings and the worker's memory, as data attributes on <body>: read by the benchmark (runner/bench/).
const timings = document.body.dataset;
let runRequestedAt = 0;

const grader = new GraderClient({
  workerUrl: new URL("./worker.js", import.meta.url),
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
  listeners: {
    onProgress: (message) => progress.update(message),
    onReady: () => { progress.ready(); document.body.dataset.pythonReady = "true"; keepForOffline(); },
    onFailed: (message) => progress.failed(message),
    onRestart: () => { progress.restarting(); delete document.body.dataset.pythonReady; },
    onMemory: (bytes) => { timings.workerMemory = String(bytes); },
    onRun: (event, run, results) => {
      const names = run.collected.length ? run.collected : testNames;
      if (event === "result" && run.finished.at(-1)?.kind === "timeout") timings.lastTimeoutAt = String(performance.now());
      if (event === "queued") {
        runRequestedAt = performance.now();
        runButton.setAttribute("aria-busy", "true");
        summary.textContent = grader.ready ? "Running the tests…" : "Python is still loading; your run will start as soon as it is ready.";
        renderTests(testList, names, [], { running: false, goToLine });
        runError.hidden = true;
      } else if (event === "started" || event === "collected" || event === "result") {
        renderTests(testList, names, run.finished, { running: true, goToLine });
      } else if (event === "done") {
        lastRun = { code: run.source, results };
        runButton.removeAttribute("aria-busy");
        renderTests(testList, results.tests.length ? results.tests : names, results.tests, { running: false, goToLine });
        renderRunError(runError, results, goToLine);
        summary.textContent = summarize(results);
        timings.lastDoneAt = String(performance.now());
        timings.lastRunMs = String(performance.now() - runRequestedAt);
        document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
      }
    },
  },
});

// Registered only once Python has loaded: the service worker then revalidates every file against the HTTP
// cache, so a first visit downloads nothing twice (sw.js).
let offlineRequested = false;
function keepForOffline() {
  if (offlineRequested || !("serviceWorker" in navigator) || !config.serviceWorker) return;
  offlineRequested = true;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register(config.serviceWorker).then((registration) => {
    document.body.dataset.offlineReady = "pending";
    navigator.serviceWorker.ready.then(() => { document.body.dataset.offlineReady = "true"; });
    registration.addEventListener("updatefound", () => {
      if (hadController) notice("A new version of this exercise was downloaded; reload the page to use it. Your code is kept.");
    });
  }).catch(() => { document.body.dataset.offlineReady = "false"; });
}

function runTests() {
  if (grader.busy) return;
  save.flush();
  grader.run(editor.getText());
}
runButton.addEventListener("click", runTests);
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); runTests(); }
});

// -- reset, download, open, drop --------------------------------------------------------------------------
const resetDialog = $("#reset-dialog");
$("#reset").addEventListener("click", () => resetDialog.showModal());
resetDialog.addEventListener("close", () => {
  if (resetDialog.returnValue !== "reset") return;
  const previous = editor.getText();
  editor.setText(starter);
  notice("The starter code was restored.", {
    actionLabel: "Undo", action: () => { editor.setText(previous); editor.focus(); },
  });
  editor.focus();
});

function downloadText(name, text, type) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
$("#download").addEventListener("click", () => downloadText("solution.py", editor.getText(), "text/x-python"));

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// The submission file (runner/submission.py): the code, the results seen for exactly this code (none if it
// changed since the last run), the versions, a hash of the code. `python -m runner check` re-grades it.
$("#download-submission").addEventListener("click", async () => {
  const code = editor.getText();
  const results = lastRun && lastRun.code === code ? lastRun.results : null;
  const submission = {
    format: "exercise-submission", version: 1,
    exercise: { id: config.id, version: config.version },
    code, code_sha256: await sha256Hex(code),
    results, runtime: results ? results.runtime || null : null,
    saved_at: new Date().toISOString(),
  };
  downloadText(`${config.id}-submission.json`, JSON.stringify(submission, null, 1), "application/json");
});

async function openFile(file) {
  if (!file) return;
  if (!/\.py$/i.test(file.name)) { notice(`${file.name} is not a .py file.`); return; }
  if (file.size > 2_000_000) { notice(`${file.name} is too large to open here.`); return; }
  const previous = editor.getText();
  editor.setText(await file.text());
  notice(`Opened ${file.name}.`, { actionLabel: "Undo", action: () => editor.setText(previous) });
}
const fileInput = $("#open-file");
$("#open").addEventListener("click", () => fileInput.click());
fileInput.addEventListener("change", () => { openFile(fileInput.files[0]); fileInput.value = ""; });
const editorBox = $("#editor");
editorBox.addEventListener("dragover", (event) => { event.preventDefault(); editorBox.dataset.drop = "true"; });
editorBox.addEventListener("dragleave", () => { delete editorBox.dataset.drop; });
editorBox.addEventListener("drop", (event) => {
  if (!event.dataTransfer.files.length) return;  // text dragged within the editor: CodeMirror's business
  event.preventDefault();
  event.stopPropagation();
  delete editorBox.dataset.drop;
  openFile(event.dataTransfer.files[0]);
}, true);
