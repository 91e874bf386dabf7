// Prepares the served Python archives with Pyodide's own interpreter (the exact CPython the page runs), for
// runner/assembly/pyodide_dist.py. Each ARCHIVE:PREFIX (the stdlib zip or a wheel; PREFIX is where its files live at
// run time) is rewritten in place. Prints a JSON summary on stdout.
//   node compile_pyc.mjs compile PYODIDE_DIR ARCHIVE:PREFIX...   .py -> .pyc (runner/assembly/pyc/compile.py)
//   node compile_pyc.mjs split DIST_DIR REST_ZIP PYTEST_ARGS_JSON JUDGE_FILES_JSON ARCHIVE:PREFIX...  keep what a session
//        imports, move the rest to REST_ZIP (runner/assembly/pyc/warm_up.py, runner/assembly/pyc/split.py); DIST_DIR must hold
//        the compiled distribution with its lock; PYTEST_ARGS_JSON is the judge's pytest arguments,
//        JUDGE_FILES_JSON the judge's Python files ({path under /grader: source path}, runner/bundle.py).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [mode, pyodideDir, ...rest] = process.argv.slice(2);
console.log = console.info = console.warn = console.error;  // Pyodide's own chatter must not reach stdout
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/` });
// runner/assembly/pyc/ goes into Pyodide's file system as importable modules (imported only when needed: the
// warm-up must see what a grading session imports, not what these tools do).
const tools = join(dirname(fileURLToPath(import.meta.url)), "pyc");
pyodide.FS.mkdirTree("/tmp/pyc");
for (const name of readdirSync(tools).filter((file) => file.endsWith(".py"))) {
  pyodide.FS.writeFile(`/tmp/pyc/${name}`, readFileSync(join(tools, name), "utf8"));
}
pyodide.runPython(`import sys; sys.path.insert(0, "/tmp/pyc")`);
const pythonFunction = (module, name) => pyodide.runPython(`from ${module} import ${name}\n${name}`);
const parse = (spec) => { const at = spec.lastIndexOf(":"); return [spec.slice(0, at), spec.slice(at + 1)]; };

function roundTrip(specs, work) {  // copy the archives into Pyodide's file system, run work, copy them back
  const inside = specs.map(parse).map(([path, prefix]) => {
    const scratch = `/tmp/archives/${basename(path)}`;
    pyodide.FS.mkdirTree("/tmp/archives");
    pyodide.FS.writeFile(scratch, readFileSync(path));
    return [path, scratch, prefix];
  });
  const result = work(inside.map(([, scratch, prefix]) => [scratch, prefix]));
  for (const [path, scratch] of inside) writeFileSync(path, pyodide.FS.readFile(scratch));
  return result;
}

if (mode === "compile") {
  const compileArchive = pythonFunction("compile", "compile_archive");
  const summary = roundTrip(rest, (archives) => Object.fromEntries(archives.map(([scratch, prefix]) =>
    [basename(scratch), compileArchive(scratch, prefix)])));
  process.stdout.write(JSON.stringify(summary) + "\n");
} else if (mode === "split") {
  const [restZip, pytestArgs, judgeFiles, ...specs] = rest;
  // The judge's pytest arguments load the judge's own plugins (runner/judge/seeding.py): the warm-up needs
  // the judge side importable, as the judge has it.
  for (const [name, source] of Object.entries(JSON.parse(judgeFiles))) {
    pyodide.FS.mkdirTree(dirname(`/tmp/grader/${name}`));
    pyodide.FS.writeFile(`/tmp/grader/${name}`, readFileSync(source, "utf8"));
  }
  pyodide.runPython(`import sys; sys.path.append("/tmp/grader")`);
  const lock = JSON.parse(readFileSync(join(pyodideDir, "pyodide-lock.json"), "utf8"));
  await pyodide.loadPackage(Object.keys(lock.packages), { messageCallback: () => {} });
  const warmUp = pythonFunction("warm_up", "run");
  const used = JSON.stringify(warmUp(pyodide.toPy(JSON.parse(pytestArgs))).toJs());
  const splitJson = pythonFunction("split", "split_json");
  const index = roundTrip(specs, (archives) => JSON.parse(splitJson(JSON.stringify(archives), used, "/tmp/rest.zip")));
  writeFileSync(restZip, pyodide.FS.readFile("/tmp/rest.zip"));
  process.stdout.write(JSON.stringify(index) + "\n");
} else {
  throw new Error(`unknown mode ${mode}`);
}
