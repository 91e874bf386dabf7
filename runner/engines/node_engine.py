"""The trusted in-process Pyodide engine under Node: runner/engines/node_engine.mjs runs the page's engine
(runner/pyodide_engine/engine.mjs), judge and student in one Node process. Student code there can reach Node itself,
so this engine grades only files that are trusted (`check --no-sandbox`, `validate`, the project's tests);
hand-ins go to runner/engines/process_engine.py's sandboxed Pyodide engine."""
import json
import os
import selectors
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from runner.bundle import write_bundle
from runner.judge import results
from runner.judge.seeding import fresh_seed

ROOT = Path(__file__).resolve().parents[2]
NODE_MAIN = Path(__file__).resolve().with_name("node_engine.mjs")
STARTUP_SECONDS = 180
GRACE_SECONDS = 10


class PyodideNodeEngine:
    """Runs runner/engines/node_engine.mjs; restarts it when a run overruns (a hang the interrupt cannot stop)."""

    name = "pyodide"
    judge_in_this_process = False  # its judge runs in Node: it may grade while this process's own judge does

    def __init__(self, exercise, pyodide_dir=None):
        from runner.assembly import pyodide_dist

        self.exercise = exercise
        self.pyodide_dir = Path(pyodide_dir or pyodide_dist.assemble())
        self.tempdir = tempfile.TemporaryDirectory(prefix="grader-")
        self.bundle = write_bundle(exercise, Path(self.tempdir.name) / "bundle.json")
        self.process = None
        self.buffer = b""
        self.next_id = 0

    def _start(self):
        node = shutil.which("node")
        if node is None:
            raise SystemExit("error: the pyodide engine needs Node.js (`node` on PATH)")
        self.process = subprocess.Popen([node, str(NODE_MAIN), str(self.pyodide_dir), str(self.bundle)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL if not os.environ.get("GRADER_DEBUG") else None)
        self.buffer = b""
        message = self._next_message(time.monotonic() + STARTUP_SECONDS)
        if message is None or message.get("type") != "ready":
            self._stop()
            raise RuntimeError("the Pyodide engine did not start")

    def _next_message(self, deadline):
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while b"\n" not in self.buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    return None
                chunk = os.read(self.process.stdout.fileno(), 1 << 16)
                if not chunk:
                    return None
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def grade(self, source, seed=None):
        if self.process is None or self.process.poll() is not None:
            self._start()
        self.next_id += 1
        run_id = self.next_id
        seed = fresh_seed() if seed is None else seed
        self.process.stdin.write((json.dumps({"id": run_id, "source": source, "seed": seed}) + "\n").encode())
        self.process.stdin.flush()
        # Until the engine says "started" it may be loading fresh interpreters; the run's limit starts then.
        deadline = time.monotonic() + STARTUP_SECONDS
        collected, finished = [], []
        while True:
            message = self._next_message(deadline)
            if message is None:
                self._stop()
                return overrun_results(self.exercise, collected, finished, engine=self.name, seed=seed)
            if message.get("id") != run_id:
                continue
            if message["type"] == "waiting":  # a fresh interpreter loads for tests to run again after a crash
                deadline = time.monotonic() + STARTUP_SECONDS
            elif message["type"] == "started":
                deadline = time.monotonic() + float(self.exercise.limits["run_seconds"]) + GRACE_SECONDS
            elif message["type"] == "collected":
                collected = message["payload"]
            elif message["type"] == "result":
                finished.append(message["payload"])
            elif message["type"] == "results":
                if message.get("retire"):
                    self._stop()
                return message["results"]

    def _stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def close(self):
        self._stop()
        self.tempdir.cleanup()


def overrun_results(exercise, collected, finished, *, engine, seed):
    """Results for a run the engine had to be stopped in: the tests that finished keep their results, the
    running test and those after it time out (the page does the same, runner/web/run_results.js)."""
    seconds = float(exercise.limits["run_seconds"])
    tests = list(finished)
    for entry in collected[len(finished):]:
        tests.append({"name": entry["name"], "test": entry["test"], "status": "error", "kind": "timeout",
                      "message": f"stopped: the whole run exceeded its {seconds:g} s limit "
                                 "(an endless loop the interpreter could not interrupt?)",
                      "output": None, "test_code": None})
    passed = sum(1 for t in tests if t["status"] == "pass")
    return results.document("fail" if tests else "error",
                            f"{passed} of {len(tests)} tests passed; the run was stopped after {seconds:g} s"
                            if tests else f"solution.py did not finish importing within {seconds:g} s",
                            tests, kind="timeout", seed=seed,
                            exercise={"id": exercise.id, "version": exercise.version}, runtime={"engine": engine})
