"""The sites the benchmark compares: ours (the normal build), the baseline page and the floor page (one
interpreter started from our build's files), served together the way GitHub Pages serves a site (gzip for
compressible types, application/wasm, max-age=600, no special headers)."""
import functools
import gzip
import http.server
import json
import shutil
import zipfile
from pathlib import Path

from runner.assembly import pyodide_dist
from runner.site.build import build
from runner.site.serve import StaticHandler

HERE = Path(__file__).parent
COMPRESSIBLE = {".html", ".js", ".mjs", ".json", ".css", ".svg", ".wasm", ".py", ".txt", ".map"}
OFFICIAL_CORE = ["pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]


def build_baseline(exercise, out):
    """The baseline: official unmodified Pyodide files, micropip, the same pytest wheels and hidden tests."""
    out = Path(out)
    shutil.rmtree(out, ignore_errors=True)
    (out / "pyodide").mkdir(parents=True)
    for name in OFFICIAL_CORE:
        shutil.copyfile(pyodide_dist.NPM_DIR / name, out / "pyodide" / name)
    official = json.loads((pyodide_dist.NPM_DIR / "pyodide-lock.json").read_text())["packages"]
    with zipfile.ZipFile(pyodide_dist._provisa_wheel()) as archive:
        for name in ("numpy", "micropip", "packaging"):
            entry = official[name]
            target = out / "pyodide" / entry["file_name"]
            target.write_bytes(archive.read(pyodide_dist.PROVISA_PREFIX + entry["file_name"]))
            if pyodide_dist.sha256(target) != entry["sha256"]:
                raise SystemExit(f"{entry['file_name']} does not match Pyodide's official sha256")
    wheels = []
    for requirement, expected in pyodide_dist.pinned_wheels():  # the originals: ours are compiled and split
        wheel = pyodide_dist._find_wheel(*requirement.split("=="))
        if pyodide_dist.sha256(wheel) != expected:
            raise SystemExit(f"{wheel.name} does not match its pinned sha256")
        shutil.copyfile(wheel, out / wheel.name)
        wheels.append(wheel.name)
    tests = {p.name: p.read_text() for p in sorted(exercise.tests_dir.glob("*.py")) if p.name != "conftest.py"}
    files = {"wheels": wheels, "tests": tests, "solution": exercise.path("reference").read_text()}
    (out / "files.json").write_text(json.dumps(files))
    shutil.copyfile(HERE / "baseline.html", out / "index.html")
    return out


def build_floor(out):
    """The floor page (floor.html); it loads Pyodide from the site beside it, ../site/pyodide/."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "floor.html", out / "index.html")
    shutil.copyfile(HERE / "floor_worker.mjs", out / "floor_worker.mjs")
    return out


def build_sites(exercise, root):
    root = Path(root)
    build(exercise, root / "site")
    build_baseline(exercise, root / "baseline")
    build_floor(root / "floor")
    return root


class PagesLikeHandler(StaticHandler):
    """Static files as GitHub Pages serves them: gzip when asked, a 10-minute max-age, no other headers."""

    _gzipped = {}
    protocol_version = "HTTP/1.1"  # persistent connections, as Pages keeps them (it also speaks HTTP/2)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file() and self.headers.get("If-None-Match") == self._etag(path):
            self.send_response(304)  # as Pages answers a revalidation (the service worker's precache)
            self.end_headers()
            return None
        accepts_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if not path.is_file() or path.suffix not in COMPRESSIBLE or not accepts_gzip:
            return super().send_head()
        body = self._gzipped.get(path)
        if body is None:
            body = self._gzipped[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)

    def send_response(self, code, message=None):
        super().send_response(code, message)
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if path.is_file():
            self.send_header("ETag", self._etag(path))

    @staticmethod
    def _etag(path):
        stat = path.stat()
        return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def pages_like_server(root, port=0):
    handler = functools.partial(PagesLikeHandler, directory=str(root))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
