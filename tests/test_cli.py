"""`python -m runner check`: JSON output, readable report, and one-line errors with documented exit codes."""
import json
import subprocess
import sys

import pytest

from helpers import ROOT, assert_valid_results


def run(*args):
    return subprocess.run([sys.executable, "-m", "runner", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_json_lists_each_file_in_order():
    done = run("check", "exercise/reference_solution.py", "exercise/solution.py", "--json")
    assert done.returncode == 1
    results = json.loads(done.stdout)
    assert [r["file"] for r in results] == ["exercise/reference_solution.py", "exercise/solution.py"]
    assert [r["status"] for r in results] == ["pass", "fail"]
    for item in results:
        assert_valid_results(item)


def test_readable_report_and_exit_zero_on_pass():
    done = run("check", "exercise/reference_solution.py")
    assert done.returncode == 0
    assert "PASS: all 5 tests passed" in done.stdout
    assert done.stdout.count("  PASS    ") == 5


@pytest.mark.parametrize("make, expected", [
    (lambda tmp: tmp / "absent.py", "no such file"),
    (lambda tmp: tmp, "is a directory"),
    (lambda tmp: (tmp / "latin1.py").write_bytes(b"# caf\xe9\n") and tmp / "latin1.py", "not UTF-8"),
    (lambda tmp: (tmp / "notes.txt").write_text("hi") and tmp / "notes.txt", "not a Python file"),
    (lambda tmp: (tmp / "image.py").write_bytes(b"\x89PNG\0\0") and tmp / "image.py", "binary data"),
])
def test_bad_input_is_one_line_and_exit_code_2(tmp_path, make, expected):
    done = run("check", str(make(tmp_path)))
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and expected in done.stderr


def test_pyodide_engine_from_the_command_line():
    done = run("check", "--engine", "pyodide", "--json", "exercise/reference_solution.py")
    assert done.returncode == 0, done.stderr
    [results] = json.loads(done.stdout)
    assert results["status"] == "pass" and results["runtime"]["engine"] == "pyodide"
