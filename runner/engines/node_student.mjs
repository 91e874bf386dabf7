// A student interpreter in a process of its own (the CLI's sandboxed Pyodide engine, issue 20): Pyodide
// runs only solution.py and answers wire messages, length-prefixed (u32 little-endian) on stdin and stdout,
// as runner/engines/cpython_student.py does in CPython. The judge runs elsewhere; nothing here can reach it.
// argv: the Pyodide folder, the student's JSON ({student_files, student_packages}), and optionally the folder
// runner/engines/node_student_prep.mjs wrote (a fresh runtime's memory snapshot, the wheels unpacked).
import { constants, readFileSync, readSync, writeSync, existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { loadRuntimeScript } from "./code_cache.mjs";
import { createStudent } from "../pyodide_engine/student_instance.mjs";
import { sharedUnpacking } from "../pyodide_engine/shared_unpack.mjs";

const [pyodideDir, studentPath, prepDir] = process.argv.slice(2);
const silent = { batched: () => {} };
console.log = console.info = console.warn = console.error = () => {};  // stdout carries the protocol only

// Node's permission model forbids process.binding, which Emscripten's NODEFS calls once for the open flags
// (https://github.com/emscripten-core/emscripten/blob/3.1.58/src/library_nodefs.js): give it those.
process.binding = (name) => {
  if (name === "constants") return { fs: constants };
  throw new Error(`process.binding(${name}) is not available`);
};

const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const bundle = JSON.parse(readFileSync(studentPath, "utf8"));
const restIndexPath = `${pyodideDir}/python_rest.json`;
const restIndex = existsSync(restIndexPath) ? JSON.parse(readFileSync(restIndexPath, "utf8")) : null;
const prepared = prepDir && { snapshot: readFileSync(`${prepDir}/snapshot.bin`), unpacked: readFileSync(`${prepDir}/unpacked.bin`) };
if (prepared) loadRuntimeScript(pyodideDir, readFileSync(`${prepDir}/code_cache.bin`));
const student = await createStudent({
  loadPyodide: (options) => loadPyodide(options).then((py) => { py.setStdout(silent); py.setStderr(silent); return py; }),
  pyodideOptions: { indexURL: `${pyodideDir}/`, ...(prepared && { _loadSnapshot: prepared.snapshot }) },
  shareUnpacking: prepared && sharedUnpacking(bundle.student_packages, prepared.unpacked).hook,
  bundle,
  lazyModules: restIndex && { index: restIndex, read: () => new Uint8Array(readFileSync(`${pyodideDir}/${restIndex.archive}`)) },
});

/** Exactly `n` bytes of stdin, or null at its end. */
function readExactly(n) {
  const buffer = Buffer.alloc(n);
  let filled = 0;
  while (filled < n) {
    let got;
    try {
      got = readSync(0, buffer, filled, n - filled, null);
    } catch (error) {
      if (error.code === "EAGAIN") continue;
      throw error;
    }
    if (got === 0) return null;
    filled += got;
  }
  return buffer;
}

for (;;) {
  const head = readExactly(4);
  if (!head) break;
  const payload = readExactly(head.readUInt32LE(0));
  if (!payload) break;
  // The host enforces each call's time limit (it ends this process); a crash ends it here.
  const answer = student.request(new Uint8Array(payload), Infinity);
  if (answer.status !== "ok") process.exit(3);
  const reply = Buffer.from(answer.reply);
  const frame = Buffer.alloc(4);
  frame.writeUInt32LE(reply.length, 0);
  writeSync(1, Buffer.concat([frame, reply]));
}
process.exit(0);
