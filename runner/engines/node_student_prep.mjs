// Prepares what every sandboxed student process starts from (runner/engines/student_process.py, issue 20), once per
// `check`, on the host and before any student code runs: a memory snapshot of a fresh Pyodide (a student
// starts from it instead of CPython's and Pyodide's own start-up), the student's wheels unpacked (it copies
// their files instead of unzipping them) and V8's code cache of the runtime script (runner/engines/code_cache.mjs).
// Each sandbox reads them read-only into its own memory.
// argv: the Pyodide folder, the student's JSON ({student_packages}), the output folder.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { loadRuntimeScript } from "./code_cache.mjs";
import { loadPackagesChecked } from "../pyodide_engine/student_instance.mjs";
import { sharedUnpacking } from "../pyodide_engine/shared_unpack.mjs";

const [pyodideDir, studentPath, outDir] = process.argv.slice(2);
const { student_packages: packages } = JSON.parse(readFileSync(studentPath, "utf8"));
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const runtimeScript = loadRuntimeScript(pyodideDir);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
writeFileSync(`${outDir}/snapshot.bin`, pyodide.makeMemorySnapshot());
const unpacking = sharedUnpacking(packages);
unpacking.hook(pyodide);
await loadPackagesChecked(pyodide, packages, "student packages");  // throws, and the prep fails, if one is missing
writeFileSync(`${outDir}/unpacked.bin`, unpacking.save());
pyodide.runPython("import numpy");  // the cache then holds what a student's start runs, compiled
writeFileSync(`${outDir}/code_cache.bin`, runtimeScript.createCachedData());
process.exit(0);
