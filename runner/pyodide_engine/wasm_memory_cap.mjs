// Caps the WebAssembly memory of the interpreters this thread starts at 2 GiB (Pyodide 0.27.7 lets its
// memory grow to 4 GiB). Past 2 GiB, moving bytes out of an interpreter fails in every engine, and in
// JavaScriptCore a memory bomb's growth towards 4 GiB took so long that the run after it overran (issue 28).
// A solution that allocates that much then gets MemoryError sooner, as under Node (--wasm-max-mem-pages).
export const MAX_MEMORY_BYTES = 2 * 1024 ** 3;
const PAGE = 64 * 1024;

/** Replace WebAssembly.Memory in this thread with one whose maximum is at most `maxBytes`. Call it before
 * the first loadPyodide, while no student code has run (tamper_watch.mjs snapshots the globals per run). */
export function capWasmMemory(maxBytes = MAX_MEMORY_BYTES) {
  const NativeMemory = WebAssembly.Memory;
  const maxPages = Math.floor(maxBytes / PAGE);
  function Memory(descriptor) {
    if (!new.target) throw new TypeError("WebAssembly.Memory must be called with new");
    const capped = descriptor && !descriptor.shared && (descriptor.maximum === undefined || descriptor.maximum > maxPages)
      ? { ...descriptor, maximum: Math.max(maxPages, descriptor.initial ?? 0) } : descriptor;
    return Reflect.construct(NativeMemory, [capped], new.target === Memory ? NativeMemory : new.target);
  }
  Memory.prototype = NativeMemory.prototype;
  Object.defineProperty(WebAssembly, "Memory", { ...Object.getOwnPropertyDescriptor(WebAssembly, "Memory"), value: Memory });
}
