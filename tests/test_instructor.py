"""The instructor's side: validate catches weak, slow, nondeterministic or unnamed tests; check re-grades
submission files and many files at once; the runner is generic (a second exercise works unchanged)."""
import csv
import json
import shutil
import subprocess
import sys

import pytest

from helpers import ROOT
from runner.submission import code_hash

SIGMOID = ROOT / "tests" / "fixtures" / "sigmoid"


def runner(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "runner", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, env={"PATH": "/usr/bin:/bin:/usr/local/bin", "PYTHONPATH": str(ROOT)})


def test_validate_passes_on_the_exercise_in_both_engines():
    done = runner("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "cpython:" in done.stdout and "pyodide:" in done.stdout
    assert done.stdout.count("fails exactly its declared tests") == 2 * 21
    assert "valid: ReLU forward + backward" in done.stdout


def test_validate_reports_a_wrong_solution_whose_hint_names_another_mistake(tmp_path):
    """Each wrong solution declares what its hint must say (issue 22): a hint that drifts is caught."""
    for folder in ("exercise", "hidden_tests"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    hints = tmp_path / "hidden_tests" / "hints.py"
    hints.write_text(hints.read_text() + '\nHINTS["clipped_above"] = HINTS["negatives_kept"]\n')
    done = runner("validate", "--engine", "cpython", "--exercise", str(tmp_path / "exercise"))
    assert done.returncode == 1
    assert ("clips_above.py: the hint for test_relu_values should mention 'no upper limit' but says: "
            "Negative inputs came through unchanged") in done.stdout
    assert "1 problem(s)" in done.stdout


@pytest.fixture
def sigmoid_copy(tmp_path):
    shutil.copytree(SIGMOID, tmp_path / "sigmoid")
    return tmp_path / "sigmoid"


def add_test(copy, code):
    with open(copy / "hidden_tests" / "test_sigmoid.py", "a") as tests:
        tests.write("\n\n" + code)


def validate_copy(copy):
    return runner("validate", "--engine", "cpython", "--exercise", str(copy / "exercise"))


def test_validate_passes_on_the_second_exercise(sigmoid_copy):
    done = validate_copy(sigmoid_copy)
    assert done.returncode == 0, done.stdout


def test_validate_catches_a_test_without_a_display_name(sigmoid_copy):
    add_test(sigmoid_copy, "def test_unnamed():\n    assert True\n")
    done = validate_copy(sigmoid_copy)
    assert done.returncode == 1
    assert "test_unnamed has no display name" in done.stdout
    assert "starter passes sigmoid" not in done.stdout
    assert "the starter passes test_unnamed" in done.stdout


def test_validate_says_which_wrong_solution_the_tests_are_too_weak_for(sigmoid_copy):
    tests = sigmoid_copy / "hidden_tests" / "test_sigmoid.py"
    weak = tests.read_text().replace("assert np.allclose(got, grad_out * s * (1 - s)),", "assert got.shape == x.shape,")
    tests.write_text(weak)
    done = validate_copy(sigmoid_copy)
    assert done.returncode == 1
    assert "forgets_grad_out.py passes every test: the tests are too weak to catch it" in done.stdout


def test_validate_catches_nondeterminism_and_slowness(sigmoid_copy):
    add_test(sigmoid_copy, '''def test_random():
    """sigmoid: a test whose message changes between runs"""
    import random
    assert random.random() < 0, f"unlucky {random.random()}"
''')
    add_test(sigmoid_copy, '''def test_slow():
    """sigmoid: a slow test"""
    import time
    time.sleep(1.2)
''')
    done = validate_copy(sigmoid_copy)
    assert done.returncode == 1
    assert "nondeterministic: two runs of the reference differ in test_random" in done.stdout
    assert "too slow (budget 1 s per test, limits.test_seconds): test_slow" in done.stdout


def make_submission(path, code, results=None, **changes):
    submission = {"format": "exercise-submission", "version": 1,
                  "exercise": {"id": "relu-forward-backward", "version": "1.0.0"},
                  "code": code, "code_sha256": code_hash(code), "results": results, "runtime": None, **changes}
    path.write_text(json.dumps(submission))
    return path


def test_check_regrades_a_submission_and_reports_what_differs(tmp_path):
    reference = (ROOT / "exercise" / "reference_solution.py").read_text()
    wrong = (ROOT / "exercise" / "wrong_solutions" / "ge_mask.py").read_text()
    claimed_pass = {"status": "pass", "tests": [{"test": "test_backward_at_zero", "name": "x", "status": "pass"}]}
    honest = make_submission(tmp_path / "honest.json", reference, claimed_pass)
    edited = make_submission(tmp_path / "edited.json", wrong, claimed_pass, code_sha256="0" * 64)
    done = runner("check", str(honest), str(edited), "--json")
    first, second = json.loads(done.stdout)
    assert first["status"] == "pass" and first["regrade"]["differences"] == []
    assert first["regrade"]["code_sha256_ok"] is True
    assert second["regrade"]["differences"] == [{"test": "test_backward_at_zero", "seen": "pass", "regraded": "fail"}]
    assert second["regrade"]["code_sha256_ok"] is False
    report = runner("check", str(edited)).stdout
    assert "DIFFERS test_backward_at_zero: the student saw pass, the re-grade says fail" in report
    assert "hash does not match" in report


def test_a_file_that_is_not_a_submission_is_bad_input(tmp_path):
    (tmp_path / "data.json").write_text('{"a": 1}')
    done = runner("check", str(tmp_path / "data.json"))
    assert done.returncode == 2 and "not a submission file" in done.stderr


def test_many_files_in_parallel_with_a_csv_and_json_summary(tmp_path):
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "exercise" / "wrong_solutions").glob("*.py"))[:6]
    files.append("exercise/reference_solution.py")
    done = runner("check", *files, "--jobs", "2", "--json", "--summary", str(tmp_path / "summary.csv"))
    results = json.loads(done.stdout)
    assert [r["file"] for r in results] == files
    assert "7/7" in done.stderr
    rows = list(csv.DictReader(open(tmp_path / "summary.csv")))
    assert [row["file"] for row in rows] == files
    assert list(rows[0])[:9] == ["file", "status", "passed", "total", "test_relu_shape", "test_relu_values",
                                 "test_backward_mask", "test_backward_at_zero", "test_backward_finite_difference"]
    assert rows[-1]["status"] == "pass" and rows[-1]["passed"] == "5"
    one_by_one = json.loads(runner("check", *files, "--jobs", "1", "--json").stdout)
    assert [[t["status"] for t in r["tests"]] for r in one_by_one] == [[t["status"] for t in r["tests"]] for r in results]
    runner("check", *files[:2], "--summary", str(tmp_path / "summary.json"))
    assert [row["file"] for row in json.loads((tmp_path / "summary.json").read_text())] == files[:2]


def test_the_second_exercise_grades_in_both_engines_and_builds():
    exercise = str(SIGMOID / "exercise")
    for engine in ("cpython", "pyodide"):
        done = runner("check", "--engine", engine, "--exercise", exercise, "--json",
                      str(SIGMOID / "exercise" / "reference_solution.py"),
                      str(SIGMOID / "exercise" / "wrong_solutions" / "forgets_grad_out.py"))
        reference, wrong = json.loads(done.stdout)
        assert reference["status"] == "pass" and [t["status"] for t in wrong["tests"]] == ["pass", "fail"]


def test_hidden_tests_may_use_pytests_own_fixtures_in_every_pyodide_run(sigmoid_copy):
    """The Pyodide judge's sessions reuse what the first one found in pytest's plugins
    (runner/harness/fixture_scan_cache.py): every run must still get pytest's own fixtures."""
    add_test(sigmoid_copy, '''def test_uses_plugin_fixtures(monkeypatch, tmp_path, request):
    """uses pytest's own fixtures"""
    monkeypatch.setenv("GRADER_FIXTURE_CHECK", "1")
    (tmp_path / "note.txt").write_text("written")
    assert (tmp_path / "note.txt").read_text() == "written"
    assert request.node.name == "test_uses_plugin_fixtures"
''')
    exercise = sigmoid_copy / "exercise"
    files = [exercise / "reference_solution.py", exercise / "wrong_solutions" / "forgets_grad_out.py",
             exercise / "solution.py"]
    done = runner("check", "--engine", "pyodide", "--exercise", str(exercise), "--json", *map(str, files))
    runs = json.loads(done.stdout)
    assert len(runs) == 3, done.stderr
    for results in runs:
        assert results["tests"][-1]["name"] == "uses pytest's own fixtures"
        assert results["tests"][-1]["status"] == "pass", results["tests"][-1]
    assert [t["status"] for t in runs[1]["tests"]] == ["pass", "fail", "pass"]
