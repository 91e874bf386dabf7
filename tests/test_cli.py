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
    (lambda tmp: tmp, "is a folder with no .py file"),  # a folder is an LMS export unpacked (issue 30)
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


def test_each_file_gets_fresh_data_and_seed_reproduces_a_grading():
    """Each grading draws a fresh secret seed (issue 26); --seed N gives exactly the same grading again."""
    wrong = "exercise/wrong_solutions/leaky.py"
    first, second = json.loads(run("check", wrong, wrong, "--json").stdout)
    assert first["seed"] != second["seed"]
    assert [t["message"] for t in first["tests"]] != [t["message"] for t in second["tests"]]  # other data
    [again] = json.loads(run("check", wrong, "--json", "--seed", str(first["seed"])).stdout)
    assert again["seed"] == first["seed"]
    assert [(t["status"], t["message"], t.get("hint")) for t in again["tests"]] == \
           [(t["status"], t["message"], t.get("hint")) for t in first["tests"]]
    report = run("check", wrong, "--seed", str(first["seed"])).stdout
    assert f"(data seed {first['seed']})" in report


def test_several_seeds_a_test_passes_only_if_it_passes_on_all():
    done = run("check", "exercise/wrong_solutions/ge_mask.py", "exercise/reference_solution.py", "--seeds", "3", "--json")
    wrong, reference = json.loads(done.stdout)
    for results in (wrong, reference):
        assert_valid_results(results)
        assert len(set(results["seeds"])) == 3 and results["seed"] == results["seeds"][0]
    assert reference["status"] == "pass" and reference["message"] == "all 5 tests passed on all 3 seeds"
    at_zero = wrong["tests"][3]
    assert at_zero["status"] == "fail" and at_zero["seed"] in wrong["seeds"]
    assert [t["status"] for t in wrong["tests"]] == ["pass", "pass", "pass", "fail", "pass"]
    assert run("check", "exercise/reference_solution.py", "--seeds", "0").returncode == 2
    assert run("check", "exercise/reference_solution.py", "--seed", "not-a-number").returncode == 2
