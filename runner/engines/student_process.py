"""How a student process starts on the host: CPython or Pyodide under Node, sandboxed (runner/isolation/sandbox.py) or
not. Each launch gives the argv and environment that runner/engines/transport_process.py runs; both kinds
answer the same length-prefixed wire messages."""
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from runner.isolation import sandbox
from runner.bundle import STUDENT_SIDE, python_files

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# The Node student's programs (node_student.mjs, node_student_prep.mjs beside this file) and the Pyodide engine's
# student instance they import: both folders are mounted whole, where the programs find them.
JS_FOLDERS = {"engines": HERE, "pyodide_engine": ROOT / "runner" / "pyodide_engine"}
PREP_SECONDS = 120
THREADS_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "PYTHONHASHSEED": "0",
               "PYTHONDONTWRITEBYTECODE": "1"}
# Node's heap and its WebAssembly memory: Pyodide's is at most 2 GiB (wasm32), V8's own heaps a few hundred
# MB. Address space cannot be the limit under Node: V8 reserves many GiB for each WebAssembly memory.
NODE_DATA_BYTES = 3 * 1024 ** 3
# WebAssembly memory capped at 2 GiB (64 KiB pages), below the data limit: a memory bomb then gets MemoryError
# at once. Pyodide's own maximum is 4 GiB, and growing towards it into the data limit made V8 collect garbage
# and retry each refused growth, so the bomb timed out instead (8 s against 0.9 s unsandboxed, issue 20).
WASM_MAX_PAGES = 2 * 1024 ** 3 // 65536
# The same for the student and for student_prep.mjs: V8 accepts a code cache only from a run with its flags.
NODE_V8_FLAGS = ["--liftoff-only", f"--wasm-max-mem-pages={WASM_MAX_PAGES}"]


@dataclass
class Launch:
    argv: list
    env: dict
    sandbox: str  # "bubblewrap 0.8.0", or "none"
    memory_limit: int = 0  # an RLIMIT_AS the host sets before exec (unsandboxed only)
    keep: list = field(default_factory=list)  # what must live as long as the launch (temporary files)
    start: str = "fresh"  # "snapshot": the Pyodide student starts from student_prep.mjs's snapshot
    alternate: list = None  # argv with the sandbox's other uid: processes started one after another alternate
    limits: sandbox.Limits = None  # sandboxed: the limits, which also size its control group (runner/isolation/sandbox.py)
    starter: object = None  # makes what a process needs at its start from (argv, limits): default sandbox.start

    @property
    def memory_budget(self):
        """How the sandbox's memory is bounded, for the results (None unsandboxed)."""
        return sandbox.memory_budget(self.limits) if self.limits else None


def cpython(*, isolation):
    """`python -m runner.engines.cpython_student`, with only the student's harness files in reach. isolation:
    "sandbox" (bubblewrap), "user" (an unprivileged uid of its own: runner/isolation/unprivileged.py) or "none"."""
    # The venv's python (not its target): its prefix is what finds NumPy, in the sandbox too.
    program = [sys.executable, "-m", "runner.engines.cpython_student"]
    if isolation == "none":
        return Launch(program, {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), **THREADS_ENV},
                      "none", memory_limit=sandbox.Limits().memory_bytes)
    if isolation == "user":
        return _as_unprivileged_user(program)
    mounts = {f"{sandbox.INSIDE}/{name}": path for name, path in _student_harness().items()}
    limits = sandbox.Limits()
    argv, alternate = (sandbox.command(program, reads=sandbox.python_reads(), mounts=mounts,
                                       env={"PYTHONPATH": sandbox.INSIDE, **THREADS_ENV}, limits=limits, slot=slot)
                       for slot in (0, 1))
    return Launch(argv, {}, sandbox.describe(), alternate=alternate, limits=limits)


def _as_unprivileged_user(program):
    from runner.isolation import unprivileged

    harness = unprivileged.readable_copy(_student_harness())
    limits = sandbox.Limits()
    (argv, env), (alternate, _) = (unprivileged.command(program, env={"PYTHONPATH": harness.name, **THREADS_ENV},
                                                        limits=limits, slot=slot) for slot in (0, 1))
    return Launch(argv, env, unprivileged.describe(), keep=[harness], alternate=alternate, limits=limits,
                  starter=unprivileged.start)


def _student_harness():
    """The student side, what both sides share, and this folder (its cpython_student.py): whole folders."""
    return python_files((*STUDENT_SIDE, "engines"))


def pyodide(exercise, pyodide_dir):
    """Node running runner/engines/node_student.mjs on the self-hosted Pyodide, always sandboxed: in the
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
    mounts = {f"{inside}/{name}": folder for name, folder in JS_FOLDERS.items()}
    mounts[f"{inside}/student.json"] = student_json
    prepared = _prepared(node, pyodide_dir, student_json, bundle["student_packages"])
    if prepared:
        mounts[f"{inside}/prep"] = prepared
    mounts["/pyodide"] = os.path.realpath(pyodide_dir)
    # pyodide.mjs imports "ws" when it loads under Node; from /pyodide that resolves to /node_modules/ws.
    mounts["/node_modules/ws"] = os.path.realpath(ROOT / "node_modules" / "ws")
    node = os.path.realpath(node)
    program = [node, *node_permission_flags(node), "--allow-fs-read=/pyodide/*", f"--allow-fs-read={inside}/*",
               "--allow-fs-read=/node_modules/*", "--no-warnings", *NODE_V8_FLAGS,
               f"{inside}/engines/node_student.mjs", "/pyodide", f"{inside}/student.json",
               *([f"{inside}/prep"] if prepared else [])]
    limits = sandbox.Limits(memory_kind="DATA", memory_bytes=NODE_DATA_BYTES)
    argv, alternate = (sandbox.command(program, reads=[*sandbox.python_reads(), node], mounts=mounts,
                                       limits=limits, slot=slot) for slot in (0, 1))
    return Launch(argv, {}, sandbox.describe(), keep=[folder], start="snapshot" if prepared else "fresh",
                  alternate=alternate, limits=limits)


PREP_FILES = ("snapshot.bin", "unpacked.bin", "code_cache.bin")


def _prepared(node, pyodide_dir, student_json, packages):
    """The folder runner/engines/node_student_prep.mjs wrote, on the host before any student code: a fresh runtime's
    memory snapshot, the unpacked wheels and V8's code cache of the runtime, which save each sandboxed
    student about a third of its start. Kept beside the Pyodide folder, under a key of everything it is made
    from, so that every worker and later `check` finds it. None if it failed (students then start from
    scratch, only slower)."""
    pyodide_dir = Path(os.path.realpath(pyodide_dir))
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    made_from = [version, NODE_V8_FLAGS, sorted(packages), (pyodide_dir / "files.sha256.json").read_text()]
    made_from += [path.read_text(encoding="utf-8") for folder in JS_FOLDERS.values() for path in sorted(folder.glob("*.mjs"))]
    key = hashlib.sha256(json.dumps(made_from).encode()).hexdigest()[:16]
    folder = pyodide_dir.parent / "student-prep" / key
    if all((folder / name).is_file() for name in PREP_FILES):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".making-", dir=folder.parent))
    work.chmod(0o755)  # the student's own uid reads it (runner/isolation/sandbox.py)
    done = subprocess.run([node, *NODE_V8_FLAGS, str(HERE / "node_student_prep.mjs"), str(pyodide_dir), str(student_json),
                           str(work)], capture_output=True, timeout=PREP_SECONDS)
    if done.returncode != 0 or not all((work / name).is_file() for name in PREP_FILES):
        shutil.rmtree(work, ignore_errors=True)
        return None
    try:
        work.rename(folder)
    except OSError:  # another worker made it first
        shutil.rmtree(work, ignore_errors=True)
    return folder


@functools.lru_cache(maxsize=None)
def node_permission_flags(node):
    """Node 20 spells the permission model `--experimental-permission`; Node 22.13 and newer `--permission`."""
    done = subprocess.run([node, "--permission", "-e", ""], capture_output=True)
    return ["--permission"] if done.returncode == 0 else ["--experimental-permission"]
