"""`python -m runner build`: writes the static site (the whole product) to dist/ or --out DIR.

The site holds the page, its scripts and styles, the rendered statement, the starter, the hidden tests (in
bundle.json) and only the Pyodide files the exercise needs; never the reference or wrong solutions. Every
URL in it is relative, so it works under any sub-path (https://USER.github.io/REPO/) as at a domain root.
"""
import ast
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from runner.assembly import pyodide_dist
from runner.bundle import build_bundle

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent  # the build's inputs: the page's template, the service worker's, build steps
# Shipped whole, as they are: the page's main thread, and the Pyodide engine with its worker.
SHIPPED_FOLDERS = ["web", "pyodide_engine"]
NODE_BIN = ROOT / "node_modules" / ".bin"
PYODIDE_FETCHED = [".wasm", ".zip", ".whl", ".json"]  # what the worker downloads through fetch
CDN_URL = f"https://cdn.jsdelivr.net/pyodide/v{pyodide_dist.VERSION}/full/"
CDN_ORIGIN = "https://cdn.jsdelivr.net"
LOCAL_WHEELS = ["pytest", "pluggy", "iniconfig"]  # not in the CDN's lock at these versions: always served here


def test_display_names(tests_dir):
    """The hidden tests' display names in run order (files by name, functions in file order)."""
    names = []
    for path in sorted(Path(tests_dir).glob("test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                doc = (ast.get_docstring(node) or "").strip()
                names.append(doc.splitlines()[0].strip() if doc else node.name)
    return names


def _node(*args):
    return subprocess.run(["node", *map(str, args)], check=True, capture_output=True, text=True, cwd=ROOT).stdout


def build(exercise, out, pyodide_cdn=False):
    """Write the site to `out`; with pyodide_cdn, the Pyodide core and NumPy come from the official CDN."""
    out = Path(out).resolve()
    pyodide = pyodide_dist.assemble()
    if out.exists():
        shutil.rmtree(out)
    for folder in SHIPPED_FOLDERS:
        shutil.copytree(ROOT / "runner" / folder, out / "runner" / folder)

    # editor.bundle.js, plus chunks for what it imports later (Python support) and what both share
    subprocess.run([str(NODE_BIN / "esbuild"), str(HERE / "editor.js"), "--bundle", "--format=esm", "--minify",
                    "--splitting", "--entry-names=[name].bundle", "--chunk-names=editor-[hash]",
                    "--log-level=warning", f"--outdir={out / 'runner' / 'web'}"], check=True, cwd=ROOT)
    page_modules = sorted(p.name for p in (out / "runner" / "web").glob("*.js"))

    # The page's config and the worker's engine read the exercise's facts from one place: bundle.json's
    # "exercise", exercise.json with the defaults merged (runner/bundle.py published_metadata).
    bundle = build_bundle(exercise)
    facts = bundle["exercise"]
    (out / "exercise").mkdir()
    for asset in facts.get("assets", []):
        shutil.copyfile(exercise.directory / asset, out / "exercise" / asset)
    starter = exercise.path("starter").read_text(encoding="utf-8")
    (out / "bundle.json").write_text(json.dumps(bundle), encoding="utf-8")

    served = out / "pyodide"
    served.mkdir()
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]
    download_bytes = 0
    for path in sorted(pyodide.iterdir()):
        if path.name.startswith(".") or path.name in ("files.sha256.json", "derived.json"):
            continue
        local = (not pyodide_cdn or path.name in (pyodide_dist.REST_ARCHIVE, pyodide_dist.REST_INDEX)
                 or any(lock[name]["file_name"] == path.name for name in LOCAL_WHEELS))
        if local:
            shutil.copyfile(path, served / path.name)
        if path.suffix in PYODIDE_FETCHED and path.name != pyodide_dist.REST_ARCHIVE:  # fetched only on demand
            download_bytes += path.stat().st_size
    if pyodide_cdn:
        pyodide_config = {"module": CDN_URL + "pyodide.mjs", "base": CDN_URL,
                          "packageUrls": {name: f"pyodide/{lock[name]['file_name']}" for name in LOCAL_WHEELS}}
    else:
        pyodide_config = {"module": "pyodide/pyodide.mjs", "base": "pyodide/", "packageUrls": {}}
    pyodide_config["downloadBytes"] = download_bytes
    pyodide_config["rest"] = f"pyodide/{pyodide_dist.REST_INDEX}"  # always served here: it holds pytest's rest
    # The worker downloads the wheels while the runtime starts, not once it asks for them (issue 6).
    pyodide_config["prefetch"] = [f"pyodide/{entry['file_name']}" for name, entry in sorted(lock.items())
                                  if not pyodide_cdn or name in LOCAL_WHEELS]

    config = {
        "id": facts["id"], "title": facts["title"], "version": facts["version"],
        "starter": starter, "starterHash": hashlib.sha256(starter.encode()).hexdigest(),
        "tests": test_display_names(exercise.tests_dir), "limits": facts["limits"],
        # the console's names (issue 29): the solution's functions, and np when the exercise uses NumPy
        "consoleNames": list(facts["functions"]) + (["np"] if "numpy" in facts.get("requirements", []) else []),
        "examples": [str(entry) for entry in facts.get("examples", [])],
        "privateTests": facts["private_tests"],
        "pyodide": pyodide_config,
        "bundle": "bundle.json",
        "serviceWorker": None if pyodide_cdn else "sw.js",
        "schema": json.loads((ROOT / "runner" / "results.schema.json").read_text()),
    }
    statement = _node(HERE / "render_statement.mjs", exercise.path("statement"), "exercise/")
    page = (HERE / "page.html").read_text(encoding="utf-8")
    page = page.replace("@@TITLE@@", _escape(facts["title"]))
    page = page.replace("@@CONFIG@@", json.dumps(config).replace("</", "<\\/"))
    page = page.replace("@@STATEMENT@@", statement)
    # Every module of the page is fetched while the HTML parses, not import by import (issue 6).
    page = page.replace("<!--@@MODULEPRELOAD@@-->", "\n".join(
        f'<link rel="modulepreload" href="runner/web/{name}">' for name in page_modules))
    if pyodide_cdn:
        page = page.replace("script-src 'self'", f"script-src 'self' {CDN_ORIGIN}")
        page = page.replace("connect-src 'self'", f"connect-src 'self' {CDN_ORIGIN}")
    (out / "index.html").write_text(page, encoding="utf-8")
    (out / ".nojekyll").write_text("")
    if not pyodide_cdn:
        _write_service_worker(out)
    return out


def _write_service_worker(out):
    """sw.js lists every file of the site with its sha256, and carries a version derived from them."""
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != ".nojekyll")
    hashes = {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in files}
    digest = hashlib.sha256()
    for name in files:
        digest.update(f"{name}\0{hashes[name]}\n".encode())
    on_demand = {f"pyodide/{pyodide_dist.REST_ARCHIVE}"}
    site_files = [["./", hashes["index.html"], False]] + [[name, hashes[name], name in on_demand] for name in files]
    worker = (HERE / "sw.js").read_text(encoding="utf-8")
    worker = worker.replace("@@BUILD_VERSION@@", digest.hexdigest()[:16])
    worker = worker.replace("/*@@SITE_FILES@@*/[]", json.dumps(site_files))
    fetched = [name for name in files if name.startswith("pyodide/") and Path(name).suffix in PYODIDE_FETCHED
               and name not in on_demand]
    worker = worker.replace("/*@@HTTP_CACHE_WHILE_ONLINE@@*/[]", json.dumps(fetched))
    (out / "sw.js").write_text(worker, encoding="utf-8")


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
