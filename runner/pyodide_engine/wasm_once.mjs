// Compiles each WebAssembly module once per worker and instantiates the compiled module for every interpreter
// the engine starts (the judge, the student, each replacement): Pyodide's own pyodide.asm.wasm, and the
// shared libraries of the packages (NumPy's .so files). Pyodide 0.27.7 compiles them afresh for each
// interpreter, and JavaScriptCore (Safari, WebKitGTK) keeps no compiled copy between calls: the student's
// interpreter took 2.1 s to start and its NumPy 1.0 s in WebKit (issue 28; docs/performance.md).
const wasm = WebAssembly;
const { instantiate, instantiateStreaming, compile, compileStreaming } = wasm;
const subtle = globalThis.crypto?.subtle;
const digest = subtle && subtle.digest.bind(subtle);
const apply = Reflect.apply;
const MIN_SHARED_BYTES = 64 * 1024;  // smaller modules compile in no time: not worth a digest

/** True for Pyodide's own module, which loadPyodide streams from its URL. */
const isPyodideModule = (url) => /\/pyodide\.asm\.wasm(\?.*)?$/.test(String(url || ""));

/** The cached compile of `key`, made by `compileIt` the first time; a failed compile is not kept. */
function cachedCompile(cache, key, compileIt) {
  if (!cache.has(key)) {
    const compiled = compileIt();
    cache.set(key, compiled);
    compiled.catch(() => cache.delete(key));
  }
  return cache.get(key);
}

const hex = (buffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");

/** Make WebAssembly.instantiateStreaming (for pyodide.asm.wasm) and WebAssembly.instantiate (for a module's
 * bytes, keyed by their SHA-256) reuse the first compile. Call it before the first loadPyodide, while no
 * student code has run in this thread (tamper_watch.mjs snapshots the globals per run, so installing it
 * earlier is not a change it reports). */
export function compileWasmOnce() {
  const cache = new Map();  // "url:..." or "sha256:..." -> Promise<WebAssembly.Module>
  const instantiateCompiled = async (module, imports) => ({ module, instance: await apply(instantiate, wasm, [module, imports]) });

  wasm.instantiateStreaming = async function instantiateStreamingOnce(source, imports) {
    const response = await source;
    if (!isPyodideModule(response && response.url)) return apply(instantiateStreaming, wasm, [response, imports]);
    let compiledNow = false;
    const module = await cachedCompile(cache, `url:${response.url}`, () => {
      compiledNow = true;
      return apply(compileStreaming, wasm, [response]);
    });
    if (!compiledNow) response.body?.cancel().catch(() => {});
    return instantiateCompiled(module, imports);
  };

  wasm.instantiate = async function instantiateOnce(source, imports) {
    const bytes = ArrayBuffer.isView(source) || source instanceof ArrayBuffer ? source : null;
    if (!bytes || !digest || bytes.byteLength < MIN_SHARED_BYTES) return apply(instantiate, wasm, [source, imports]);
    const key = `sha256:${hex(await digest("SHA-256", bytes))}`;
    return instantiateCompiled(await cachedCompile(cache, key, () => apply(compile, wasm, [bytes])), imports);
  };
}
