// The results the page writes itself for a run the worker could not finish: stopped, overrun, or broken. Their
// version is the results schema's (runner/results.schema.json, in the page's config), as the judge's is
// (runner/judge/results.py).

/** @typedef {{seed: number, collected: {name: string, test?: string}[], finished: object[]}} RunState */

/** @param {{properties: {version: {const: number}}}} schema  the results schema */
const versionOf = (schema) => schema.properties.version.const;

const passedCount = (tests) => tests.filter((t) => t.status === "pass").length;

/** Each test still to finish, marked as stopped with `kind` and `message`. */
function unfinished(run, expected, kind, message) {
  return expected.slice(run.finished.length).map((entry) => ({
    name: entry.name, test: entry.test, status: "error", kind, output: null, test_code: null, message }));
}

/** Stopped by the student (or by a new run): the tests that had not finished say so. */
export function stoppedResults(run, names, reason, schema) {
  const expected = run.collected.length ? run.collected : names;
  const tests = [...run.finished, ...unfinished(run, expected, "stopped", `stopped before it finished: ${reason}`)];
  return { version: versionOf(schema), status: "error", kind: "stopped", seed: run.seed, tests,
    message: `stopped: ${passedCount(tests)} of ${tests.length} tests had passed (${reason})` };
}

/** The run exceeded its limit of `seconds`: the running test and those after it timed out. */
export function overrunResults(run, seconds, schema) {
  const tests = [...run.finished, ...unfinished(run, run.collected, "timeout",
    `stopped: the run exceeded its time limit (${seconds} s): an endless loop Python could not interrupt?`)];
  return {
    version: versionOf(schema), status: tests.length ? "fail" : "error", kind: "timeout", seed: run.seed, tests,
    message: tests.length ? `${passedCount(tests)} of ${tests.length} tests passed; the run was stopped after ${seconds} s`
      : `solution.py did not finish importing within ${seconds} s`,
  };
}

/** The worker's results failed the schema, or the worker reported a failure. */
export function brokenResults(run, problems, schema) {
  return { version: versionOf(schema), status: "error", kind: "harness", seed: run.seed, tests: run.finished,
    message: `The grader failed: ${problems.slice(0, 3).join("; ")}` };
}
