// Node entry of the Pyodide engine (`python -m runner check --engine pyodide`): JSON lines in, JSON lines out.
// stdin: {"id", "source", "seed"} per solution (seed: the run's data seed, or null for a fresh one). stdout: {"type": "ready"}, then per run {"type": "collected"},
// {"type": "result"} per test and {"type": "results"}. Everything else goes to stderr.
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { startEngine } from "../pyodide_engine/engine.mjs";
import { capWasmMemory } from "../pyodide_engine/wasm_memory_cap.mjs";

capWasmMemory();  // as in the page's worker: a memory bomb stops at 2 GiB (issue 28)

const [pyodideDir, bundlePath] = process.argv.slice(2);
const protocol = (message) => process.stdout.write(JSON.stringify(message) + "\n");
console.log = console.info = console.warn = console.error;  // Pyodide's own chatter must not reach stdout

const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const bundle = JSON.parse(readFileSync(bundlePath, "utf8"));
const restIndexPath = `${pyodideDir}/python_rest.json`;
const restIndex = existsSync(restIndexPath) ? JSON.parse(readFileSync(restIndexPath, "utf8")) : null;
const quiet = { batched: (line) => process.stderr.write(line + "\n") };
const engine = await startEngine({
  loadPyodide: (options) => loadPyodide(options).then((py) => { py.setStdout(quiet); py.setStderr(quiet); return py; }),
  pyodideOptions: { indexURL: `${pyodideDir}/` },
  bundle,
  runtime: { node: process.version, sandbox: "none" },
  lazyModules: restIndex && { index: restIndex, read: () => new Uint8Array(readFileSync(`${pyodideDir}/${restIndex.archive}`)) },
  spares: 2,  // every run takes a fresh interpreter: two load ahead
});
protocol({ type: "ready" });

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { id, source, seed } = JSON.parse(line);
  const results = await engine.grade(source, (kind, payload) => protocol({ type: kind, id, payload }), { seed });
  // If student code changed this process's globals, the engine retires: the CLI starts a fresh process.
  protocol({ type: "results", id, results, retire: engine.tampered });
  if (engine.tampered) process.exit(0);
}
