"""`check` and the sandbox: no sandbox, no silent grading (exit code 3, one line saying why); `--no-sandbox`
warns, records it, and then the attacks of tests/attacks/ do work, which is what the sandbox is for."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from grading_machine import ATTACKS, GradingMachine, leftover_processes, settle
from helpers import ROOT

REFERENCE = "exercise/reference_solution.py"


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "runner", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env)


def _path_with(tmp_path, **programs):
    """A PATH holding only node and the given programs (name -> script text)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "node").symlink_to(shutil.which("node"))
    for name, text in programs.items():
        (folder / name).write_text(text)
        (folder / name).chmod(0o755)
    return {**os.environ, "PATH": str(folder)}


def test_without_bubblewrap_check_stops_with_exit_code_3(tmp_path):
    done = run("check", REFERENCE, env=_path_with(tmp_path))
    assert done.returncode == 3 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "needs bubblewrap" in done.stderr and "--no-sandbox" in done.stderr


def test_a_sandbox_that_cannot_start_stops_check_with_the_reason(tmp_path):
    # What bwrap prints where user namespaces are not allowed (Ubuntu 24.04's AppArmor, a locked-down kernel)
    failing = "#!/bin/sh\n[ \"$1\" = --version ] && { echo 'bubblewrap 0.9.0'; exit 0; }\n" \
              "echo 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n"
    done = run("check", REFERENCE, env=_path_with(tmp_path, bwrap=failing))
    assert done.returncode == 3 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "cannot start" in done.stderr and "setting up uid map: Permission denied" in done.stderr


@pytest.mark.parametrize("engine", ["cpython", "pyodide"])
def test_no_sandbox_warns_and_says_so_in_the_results(engine):
    done = run("check", "--no-sandbox", "--engine", engine, "--json", REFERENCE)
    assert done.returncode == 0, done.stderr
    assert "warning: --no-sandbox" in done.stderr and "trust" in done.stderr
    [results] = json.loads(done.stdout)
    assert results["status"] == "pass" and results["runtime"]["sandbox"] == "none"


def test_sandboxed_results_say_how_they_were_graded():
    done = run("check", "--json", REFERENCE)
    [results] = json.loads(done.stdout)
    assert results["runtime"]["sandbox"].startswith("bubblewrap ")


# The attacks that are safe to let loose on this machine: not the fork bomb, the disk filler, kill -1.
UNSANDBOXED = {"cpython": ["writes_outside", "rewrites_hidden_tests", "reads_private_file", "connects_to_listener",
                           "leaves_process_running", "rewrites_summary_after_exit"],
               "pyodide": ["forges_protocol", "node_escapes", "writes_outside", "rewrites_hidden_tests"]}


@pytest.mark.parametrize("engine", ["cpython", "pyodide"])
def test_without_the_sandbox_the_attacks_work(tmp_path, engine):
    """The attack tests can fail: outside the sandbox every one of these passes a test or leaves a trace."""
    # forges_protocol last: the in-process engine takes its forged lines as the results of the runs after it
    chosen = sorted((path for path in ATTACKS if path.stem in UNSANDBOXED[engine]), key=lambda p: p.stem == "forges_protocol")
    machine = GradingMachine(tmp_path, attacks=chosen)
    try:
        done = machine.check("--engine", engine, "--no-sandbox")
        settle()
        results = {r["file"]: r for r in json.loads(done.stdout)}
        passed = {path.stem.split("_", 1)[1] for path in machine.files
                  if "_z_honest_" not in path.name and any(t["status"] == "pass" for t in results[str(path)]["tests"])}
        assert passed >= ({"rewrites_hidden_tests", "reads_private_file", "writes_outside"} if engine == "cpython"
                          else {"forges_protocol", "node_escapes", "writes_outside"})
        traces = machine.traces()
        assert traces, "no attack left a trace"
        if engine == "cpython":
            assert machine.listener.connections > 0
            assert machine.mark in machine.summary.read_text()
        # (in-process Pyodide reads its hidden tests from the bundle it loaded: the rewrite hits later runs)
        assert machine.digest(machine.repo / "hidden_tests") != machine.hidden_tests
    finally:
        for line in leftover_processes():
            if "student_main" in line:
                os.kill(int(line.split(":")[0]), 9)
        machine.close()


def test_a_runtime_under_tmp_is_visible_in_the_sandbox_and_tmp_stays_the_students():
    """The sandbox's own /tmp is mounted before the read-only binds: a checkout or venv under the host's /tmp
    stays visible, and /tmp stays writable for the student (it was hidden, and every hand-in failed to
    start, in a clone under /tmp)."""
    import tempfile
    from pathlib import Path

    from runner.isolation import sandbox

    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        tmp_path = Path(folder)
        tmp_path.chmod(0o755)  # readable by the student's own uid, as a checkout is
        (tmp_path / "runtime.txt").write_text("the runtime")
        _run_in_sandbox_reading(sandbox, tmp_path)


def _run_in_sandbox_reading(sandbox, tmp_path):
    program = [os.path.realpath(sys.executable), "-I", "-S", "-c",
               f"print(open({str(tmp_path / 'runtime.txt')!r}).read()); open('/tmp/mine', 'w').write('x')"]
    started = sandbox.start(sandbox.command(program, reads=[*sandbox.python_reads(), str(tmp_path)]))
    try:
        done = subprocess.run(started.argv, capture_output=True, text=True, timeout=60, **started.popen_options())
    finally:
        started.remove()
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "the runtime"
    assert not (ROOT / "mine").exists() and not os.path.exists("/tmp/mine")
