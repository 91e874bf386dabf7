// Each wheel is unpacked once per engine: the first interpreter to install it unpacks it (Pyodide's own
// unpacker, in Python), and the others get copies of the files it wrote before Pyodide loads the wheel's
// WebAssembly libraries as usual. Unpacking NumPy took 165 to 207 ms of each interpreter's load under Node
// (issue 6). Pyodide 0.27.7's installer looks `_api.package_loader.unpack_buffer` up at every install
// (https://github.com/pyodide/pyodide/blob/0.27.7/src/js/installer.ts), which is where this hooks in.

function listFiles(FS, root, into = new Map()) {
  for (const name of FS.readdir(root)) {
    if (name === "." || name === "..") continue;
    const path = `${root}/${name}`;
    const { mode, mtime } = FS.stat(path);
    if (FS.isDir(mode)) listFiles(FS, path, into);
    else into.set(path, mtime.getTime());
  }
  return into;
}

/**
 * @param {string[]} shared  the packages whose files are kept for other interpreters (the students')
 * @param {Uint8Array} [saved]  what `save()` wrote, in another process: its wheels count as unpacked already
 * @returns {{hook: (pyodide: object) => void, copies: () => number, save: () => Uint8Array}} `hook` routes an
 *   interpreter's unpacking through the cache; `copies` counts the installs that copied files instead of
 *   unpacking; `save` packs the cache for another process (the CLI's sandboxed students, issue 20)
 */
export function sharedUnpacking(shared, saved) {
  const names = new Set(shared.map((name) => name.toLowerCase().replace(/[-.]/g, "_")));
  const unpacked = saved ? loadUnpacked(saved) : new Map();  // wheel -> {files: [path, bytes][], dynlibs}
  let copies = 0;
  const hook = (pyodide) => {
    const api = pyodide._api;
    const loader = api.package_loader;
    if (!loader || typeof loader.unpack_buffer?.callKwargs !== "function") return;
    const unpack = (kwargs) => {
      const earlier = unpacked.get(kwargs.filename);
      if (earlier) {
        copies += 1;
        for (const [path, bytes] of earlier.files) {
          pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
          pyodide.FS.writeFile(path, bytes);  // a copy: one interpreter cannot change another's files
        }
        return earlier.dynlibs;
      }
      if (!names.has(kwargs.filename.split("-")[0].toLowerCase())) return loader.unpack_buffer.callKwargs(kwargs);
      const before = listFiles(pyodide.FS, kwargs.extract_dir);
      const result = loader.unpack_buffer.callKwargs(kwargs);
      const dynlibs = result && typeof result.toJs === "function" ? result.toJs() : [...(result || [])];
      result?.destroy?.();
      const files = [...listFiles(pyodide.FS, kwargs.extract_dir)].filter(([path, mtime]) => before.get(path) !== mtime)
        .map(([path]) => [path, pyodide.FS.readFile(path)]);
      unpacked.set(kwargs.filename, { files, dynlibs });
      return dynlibs;
    };
    api.package_loader = new Proxy(loader, {
      get: (target, key) => (key === "unpack_buffer" ? { callKwargs: unpack } : target[key]),
    });
  };
  return { hook, copies: () => copies, save: () => saveUnpacked(unpacked) };
}

/** The cache as bytes: a u32 (little-endian) header length, a JSON header, then every file's bytes. */
function saveUnpacked(unpacked) {
  const header = [];
  const chunks = [];
  for (const [filename, { files, dynlibs }] of unpacked) {
    header.push({ filename, dynlibs, files: files.map(([path, bytes]) => [path, bytes.length]) });
    chunks.push(...files.map(([, bytes]) => bytes));
  }
  const head = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + head.length + chunks.reduce((total, chunk) => total + chunk.length, 0));
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  let offset = 4 + head.length;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function loadUnpacked(bytes) {
  const headLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headLength)));
  let offset = 4 + headLength;
  const unpacked = new Map();
  for (const { filename, dynlibs, files } of header) {
    unpacked.set(filename, { dynlibs, files: files.map(([path, length]) => {
      offset += length;
      return [path, bytes.subarray(offset - length, offset)];
    }) });
  }
  return unpacked;
}
