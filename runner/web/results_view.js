// Renders results into the page. Everything Python produced is set as text (textContent), never as HTML.

const LABELS = { pass: "Passed", fail: "Failed", error: "Error", timeout: "Timed out", stopped: "Stopped",
  pending: "Not run yet", running: "Running…" };
const LINE_REFERENCE = /(File "solution\.py", line (\d+)|line (\d+))/g;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** A <pre> whose "line N" references to solution.py are buttons that move the editor's cursor there;
 * `pattern` finds them (its second or third group is the line). */
export function textWithLineLinks(text, className, goToLine, pattern = LINE_REFERENCE) {
  const pre = element("pre", className);
  let last = 0;
  for (const match of String(text).matchAll(pattern)) {
    const line = Number(match[2] || match[3]);
    pre.append(document.createTextNode(text.slice(last, match.index)));
    const button = element("button", "line-link", match[0]);
    button.type = "button";
    button.setAttribute("aria-label", `${match[0]}: go to line ${line} of solution.py`);  // the visible text first (WCAG 2.5.3)
    button.addEventListener("click", () => goToLine(line));
    pre.append(button);
    last = match.index + match[0].length;
  }
  pre.append(document.createTextNode(String(text).slice(last)));
  return pre;
}

function statusOf(test) {
  return test.kind === "timeout" || test.kind === "stopped" ? test.kind : test.status;
}

/**
 * @param {HTMLElement} list       the <ol> of test rows
 * @param {{name: string}[]} names  the tests in order (collected, or from the metadata before a run)
 * @param {object[]} finished       results so far
 * @param {{running: boolean, goToLine: (line: number) => void, onTry?: (replay: {call: string, code: string}) => void}} options
 *   onTry: runs a failing call again in the console ("Try this input", issue 29)
 */
export function renderTests(list, names, finished, { running, goToLine, onTry }) {
  list.replaceChildren();
  names.forEach((entry, index) => {
    const test = finished[index];
    const status = test ? statusOf(test) : running && index === finished.length ? "running" : "pending";
    const row = element("li", `test test-${status}`);
    const head = element("div", "test-head");
    head.append(element("span", `badge badge-${status}`, LABELS[status]), element("span", "test-name", entry.name));
    row.append(head);
    if (test && test.status !== "pass") {
      const details = element("div", "test-details");
      if (test.message) details.append(textWithLineLinks(test.message, "message", goToLine));
      if (test.hint) details.append(element("p", "hint", `Hint: ${test.hint}`));
      if (test.traceback) details.append(textWithLineLinks(test.traceback, "traceback", goToLine));
      if (test.line && !test.traceback) {
        const link = element("button", "line-link", `Go to line ${test.line}`);
        link.type = "button";
        link.addEventListener("click", () => goToLine(test.line));
        details.append(link);
      }
      if (test.output) {
        details.append(element("p", "output-label", "Your code printed:"), element("pre", "output", test.output));
      }
      if (test.replay && onTry) {
        const tryIt = element("button", "try-input", "Try this input");
        tryIt.type = "button";
        tryIt.setAttribute("aria-label", `Try this input: run ${test.replay.call} in the console with this test's data`);
        tryIt.addEventListener("click", () => onTry(test.replay));
        details.append(tryIt);
      }
      row.append(details);
    }
    list.append(row);
  });
}

// A run-level error in a few words: its detail is shown once, in the error box under the summary (issue 22).
const RUN_ERRORS = {
  syntax: "solution.py has a syntax error",
  import: "solution.py stopped with an error while being imported",
  crash: "the Python interpreter stopped",
  harness: "the hidden tests could not run",
  tampered: "the solution interfered with the grader",
};

/** The one-line summary announced to screen readers; the run-level error's detail is in renderRunError. */
export function summarize(results) {
  const tests = results.tests || [];
  const passed = tests.filter((t) => t.status === "pass").length;
  if (results.status === "pass") return `All ${tests.length} tests passed. Well done!`;
  if (results.kind === "stopped") return `Stopped. ${passed} of ${tests.length} tests had passed; the others did not finish.`;
  if (results.status === "error" && results.kind !== "timeout") {
    return `${passed} of ${tests.length} tests passed: ${RUN_ERRORS[results.kind] || "the tests could not run"} (details below).`;
  }
  return `${passed} of ${tests.length} tests passed.`;
}

export function renderRunError(container, results, goToLine) {
  container.replaceChildren();
  container.hidden = !(results && results.status === "error" && results.kind !== "stopped");
  if (container.hidden) return;
  container.append(textWithLineLinks(results.message || "The tests could not run.", "message", goToLine));
  if (results.traceback) container.append(textWithLineLinks(results.traceback, "traceback", goToLine));
}
