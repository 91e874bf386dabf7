"""How a student process starts on the host: CPython or Pyodide under Node, sandboxed (runner/sandbox.py) or
not. Each launch gives the argv and environment that runner/harness/transport_process.py runs; both kinds
answer the same length-prefixed wire messages."""
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from runner import sandbox
from runner.bundle import HARNESS, STUDENT_FILES

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "runner" / "js"
STUDENT_JS = ["student_process.mjs", "engine.mjs", "shared_unpack.mjs", "tamper_watch.mjs"]
THREADS_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "PYTHONHASHSEED": "0",
               "PYTHONDONTWRITEBYTECODE": "1"}
# Node's heap and its WebAssembly memory: Pyodide's is at most 2 GiB (wasm32), V8's own heaps a few hundred
# MB. Address space cannot be the limit under Node: V8 reserves many GiB for each WebAssembly memory.
NODE_DATA_BYTES = 3 * 1024 ** 3


@dataclass
class Launch:
    argv: list
    env: dict
    sandbox: str  # "bubblewrap 0.8.0", or "none"
    memory_limit: int = 0  # an RLIMIT_AS the host sets before exec (unsandboxed only)
    keep: list = field(default_factory=list)  # what must live as long as the launch (temporary files)


def cpython(*, sandboxed):
    """`python -m runner.harness.student_main`, with only the student's harness files in the sandbox."""
    # The venv's python (not its target): its prefix is what finds NumPy, in the sandbox too.
    program = [sys.executable, "-m", "runner.harness.student_main"]
    if not sandboxed:
        return Launch(program, {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), **THREADS_ENV},
                      "none", memory_limit=sandbox.Limits().memory_bytes)
    mounts = {f"{sandbox.INSIDE}/{name}": path for name, path in _student_harness().items()}
    argv = sandbox.command(program, reads=sandbox.python_reads(), mounts=mounts,
                           env={"PYTHONPATH": sandbox.INSIDE, **THREADS_ENV})
    return Launch(argv, {}, sandbox.describe())


def _student_harness():
    files = {f"runner/harness/{name}": HARNESS / name for name in [*STUDENT_FILES, "student_main.py"]}
    files["runner/__init__.py"] = ROOT / "runner" / "__init__.py"
    return files


def pyodide(exercise, pyodide_dir):
    """Node running runner/js/student_process.mjs on the self-hosted Pyodide, always sandboxed: in the
    sandbox, and under Node's permission model (read the Pyodide folder and its own files only; no child
    processes, no workers, no writes)."""
    from runner.bundle import build_bundle

    node = shutil.which("node")
    if node is None:
        raise SystemExit("error: the pyodide engine needs Node.js (`node` on PATH)")
    bundle = build_bundle(exercise)
    folder = tempfile.TemporaryDirectory(prefix="student-bundle-")
    student_json = Path(folder.name) / "student.json"
    student_json.write_text(json.dumps({key: bundle[key] for key in ("student_files", "student_packages")}),
                            encoding="utf-8")
    inside = sandbox.INSIDE
    mounts = {f"{inside}/js/{name}": JS / name for name in STUDENT_JS}
    mounts[f"{inside}/student.json"] = student_json
    mounts["/pyodide"] = os.path.realpath(pyodide_dir)
    # pyodide.mjs imports "ws" when it loads under Node; from /pyodide that resolves to /node_modules/ws.
    mounts["/node_modules/ws"] = os.path.realpath(ROOT / "node_modules" / "ws")
    node = os.path.realpath(node)
    program = [node, *node_permission_flags(node), "--allow-fs-read=/pyodide/*", f"--allow-fs-read={inside}/*",
               "--allow-fs-read=/node_modules/*", "--no-warnings", "--liftoff-only",
               f"{inside}/js/student_process.mjs", "/pyodide", f"{inside}/student.json"]
    limits = sandbox.Limits(memory_kind="DATA", memory_bytes=NODE_DATA_BYTES)
    argv = sandbox.command(program, reads=[*sandbox.python_reads(), node], mounts=mounts, limits=limits)
    return Launch(argv, {}, sandbox.describe(), keep=[folder])


@functools.lru_cache(maxsize=None)
def node_permission_flags(node):
    """Node 20 spells the permission model `--experimental-permission`; Node 22.13 and newer `--permission`."""
    done = subprocess.run([node, "--permission", "-e", ""], capture_output=True)
    return ["--permission"] if done.returncode == 0 else ["--experimental-permission"]
