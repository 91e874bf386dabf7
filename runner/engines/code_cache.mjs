// Loads Pyodide's runtime script (pyodide.asm.js, 1.2 MB) through V8's code cache: Node parsed and compiled
// it at every start of a sandboxed student process, a sixth of that start (issue 20). The trusted host
// writes the cache once (runner/engines/node_student_prep.mjs); V8 checks it against its version, flags and the source,
// and compiles from scratch if it does not fit. Pyodide then finds `_createPyodideModule` and loads no script.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";

/** Run pyodide.asm.js as Node would run a CommonJS file; returns its vm.Script (for createCachedData). */
export function loadRuntimeScript(pyodideDir, cachedData) {
  const path = `${pyodideDir}/pyodide.asm.js`;
  // Node 20 loses a vm.Script's dynamic-import callback when the script comes from a code cache
  // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), and the runtime imports Node's modules with import():
  // those calls go to this module's own import() instead.
  const code = readFileSync(path, "utf8").replace(/(?<![\w$.])import\(/g, "__import(");
  const source = `(function (exports, require, module, __filename, __dirname, __import) {${code}\n})`;
  const script = new vm.Script(source, { filename: path, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(path), module, path, pyodideDir, (specifier) => import(specifier));
  return script;
}
