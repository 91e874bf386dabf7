// The worker of the benchmark's floor page (floor.html): one Pyodide from the site's files, its packages
// loaded and its modules imported, nothing else.
self.onmessage = async ({ data: { load, imports, indexURL } }) => {
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    const pyodide = await loadPyodide({ indexURL });
    await pyodide.loadPackage(load, { messageCallback: () => {} });
    // loadPackage does not throw when a package fails to load (Pyodide 0.27.7)
    const missing = load.filter((name) => !(name in pyodide.loadedPackages));
    if (missing.length) throw new Error(`could not load ${missing.join(", ")}`);
    pyodide.runPython(imports.map((name) => `import ${name}`).join("\n"));
    self.postMessage({ ok: true, text: `loaded ${load.join(", ")}; imported ${imports.join(", ")}` });
  } catch (error) {
    self.postMessage({ ok: false, text: String(error && error.message || error) });
  }
};
