// Notices student code that changed the globals of the thread the judge runs in (through `import js`), and
// turns such a run's results into an error: the page's engine (and the trusted Node one) share that thread.
// Taken at load, before any student code runs: student code can replace globals through `import js`.
const { getOwnPropertyNames, getOwnPropertyDescriptor, getPrototypeOf } = Object;

/** What student code could patch to disturb this engine or the next run: every property of the global
 * scope (and its prototype chain) and of the objects Pyodide and the engine lean on. */
function watchedObjects() {
  const objects = [];
  for (let scope = globalThis; scope; scope = getPrototypeOf(scope)) objects.push(scope);
  for (const name of ["performance", "Date", "JSON", "WebAssembly", "Promise", "Response", "Request",
    "ReadableStream", "MessagePort", "Function", "Object", "Array", "Reflect", "Math", "Uint8Array", "TextDecoder"]) {
    const value = globalThis[name];
    if (value) objects.push(value, value.prototype);
  }
  return objects.filter(Boolean);
}

export function snapshotGlobals() {
  return watchedObjects().map((object) => [object, getOwnPropertyNames(object).map((key) => {
    const d = getOwnPropertyDescriptor(object, key);
    return [key, d.value, d.get, d.set];
  })]);
}

export function globalsChanged(snapshot) {
  const same = Object.is;  // not ===: the global NaN is not === itself
  for (const [object, properties] of snapshot) {
    if (getOwnPropertyNames(object).length !== properties.length) return true;
    for (const [key, value, get, set] of properties) {
      const d = getOwnPropertyDescriptor(object, key);
      if (!d || !same(d.value, value) || d.get !== get || d.set !== set) return true;
    }
  }
  return false;
}

/** What a run during which student code changed the judge's globals reports: never a verdict (issue 20). */
export function interfered(results) {
  const note = "not graded: the solution interfered with the grader";
  return { ...results, status: "error", kind: "tampered",
    message: "the solution interfered with the grader (it changed the JavaScript the grader runs in), so no test counts",
    tests: results.tests.map((test) => ({ ...test, status: "error", kind: "tampered", message: note, hint: undefined })) };
}

