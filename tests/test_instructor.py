"""The instructor's side: validate catches weak, slow, nondeterministic or unnamed tests; check re-grades
submission files and many files at once; the runner is generic (a second exercise works unchanged)."""
import csv
import json
import shutil
import subprocess
import sys

import pytest

from helpers import ROOT
from runner.grading.submission import code_hash

SIGMOID = ROOT / "tests" / "fixtures" / "sigmoid"


def runner(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "runner", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, env={"PATH": "/usr/bin:/bin:/usr/local/bin", "PYTHONPATH": str(ROOT)})


def test_validate_reports_a_wrong_solution_whose_hint_names_another_mistake(tmp_path):
    """Each wrong solution declares what its hint must say (issue 22): a hint that drifts is caught."""
    for folder in ("exercise", "hidden_tests"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    hints = tmp_path / "hidden_tests" / "hints.py"
    hints.write_text(hints.read_text() + '\nHINTS["clipped_above"] = HINTS["negatives_kept"]\n')
    done = runner("validate", "--engine", "cpython", "--exercise", str(tmp_path / "exercise"), "--seeds", "2",
                  "--wrong-seeds", "1")
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
    return runner("validate", "--engine", "cpython", "--exercise", str(copy / "exercise"), "--seeds", "3")


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
    # (random.random() would not do: each test finds `random` seeded from the run's seed)
    add_test(sigmoid_copy, '''def test_random():
    """sigmoid: a test whose message changes between runs"""
    import os
    assert False, f"unlucky {os.urandom(8).hex()}"
''')
    add_test(sigmoid_copy, '''def test_slow():
    """sigmoid: a slow test"""
    import time
    time.sleep(1.2)
''')
    done = validate_copy(sigmoid_copy)
    assert done.returncode == 1
    assert "nondeterministic: two runs of the reference on seed" in done.stdout
    assert "differ in test_random" in done.stdout
    assert "too slow (budget 1 s per test, limits.test_seconds): test_slow" in done.stdout


def test_validate_names_a_test_that_can_be_memorised(sigmoid_copy):
    """A test whose data never change can be answered from a table recorded once (issue 26)."""
    add_test(sigmoid_copy, '''def test_fixed_data():
    """sigmoid: the same data at every run"""
    assert np.allclose(sigmoid(np.array([1.0, -1.0])), 1 / (1 + np.exp(-np.array([1.0, -1.0]))))
''')
    done = validate_copy(sigmoid_copy)
    assert done.returncode == 1
    assert "this test can be memorised: test_fixed_data sent solution.py the same data on seeds" in done.stdout


def first_size(seed):
    """How many random values test_sigmoid_values draws on `seed` (its first draw)."""
    import numpy as np

    from runner.judge.seeding import seed_for_test

    return int(np.random.default_rng(seed_for_test(seed, "test_sigmoid_values")).integers(1, 8))


def test_validate_names_a_wrong_solution_whose_verdict_depends_on_the_data(sigmoid_copy):
    """A wrong solution that is wrong only on some data (here: arrays of 7 values) is flaky: its declared
    verdict holds on one seed and not on another, and validate says so with both seeds."""
    wrong = sigmoid_copy / "exercise" / "wrong_solutions" / "wrong_for_seven.py"
    wrong.write_text("# expected-failures: test_sigmoid_values\n"
                     "import numpy as np\n\n"
                     "def sigmoid(x):\n    return 1 / (1 + np.exp(-x)) + (x.size == 7)\n\n"
                     "def sigmoid_backward(grad_out, x):\n    s = 1 / (1 + np.exp(-x))\n"
                     "    return grad_out * s * (1 - s)\n")
    seven = next(seed for seed in range(1000) if first_size(seed) == 7)
    other = next(seed for seed in range(1000) if first_size(seed) != 7)
    done = runner("validate", "--engine", "cpython", "--exercise", str(sigmoid_copy / "exercise"),
                  "--seed", f"{seven},{other}", "--wrong-seeds", "2")
    assert done.returncode == 1
    assert (f"wrong_for_seven.py: flaky: its verdict depends on the data: right on seed {seven}, but on seed "
            f"{other}: ") in done.stdout
    assert "should fail test_sigmoid_values but passes it" in done.stdout


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
    assert list(rows[0])[:12] == ["file", "status", "seed", "passed", "total", "score", "max_score", "test_relu_shape",
                                  "test_relu_values", "test_backward_mask", "test_backward_at_zero",
                                  "test_backward_finite_difference"]
    # each file had fresh data of its own, and its row says which (issue 26)
    assert [int(row["seed"]) for row in rows] == [r["seed"] for r in results]
    assert len({row["seed"] for row in rows}) == len(rows)
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
        assert reference["status"] == "pass" and [t["status"] for t in wrong["tests"]] == ["pass", "fail"], (
            engine, [(r["status"], r.get("message"), [(t["status"], t.get("message")) for t in r["tests"]])
                     for r in (reference, wrong)])


def test_hidden_tests_may_use_pytests_own_fixtures_in_every_pyodide_run(sigmoid_copy):
    """The Pyodide judge's sessions reuse what the first one found in pytest's plugins
    (runner/judge/fixture_scan_cache.py): every run must still get pytest's own fixtures."""
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


PRIVATE_TEST = '''"""Private tests: graded, never shipped. MARK-{mark}"""
import numpy as np

from expect import Call, same_values
from solution import relu


def test_relu_large_values(rng):
    """relu: very large inputs pass unchanged"""
    x = np.abs(rng.standard_normal(6)) * 1e6 + 10  # all positive, and past any cap
    same_values(relu(x.copy()), np.maximum(x, 0), Call("relu(x)", x=x))
'''


def copy_exercise(tmp_path):
    for folder in ("exercise", "hidden_tests"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "exercise"


def test_private_tests_run_in_the_same_judge_on_the_same_seed(tmp_path):
    exercise = copy_exercise(tmp_path)
    private = tmp_path / "kept-elsewhere"
    private.mkdir()
    (private / "test_private.py").write_text(PRIVATE_TEST.format(mark="elsewhere"))
    files = [str(exercise / "reference_solution.py"), str(exercise / "wrong_solutions" / "clips_above.py")]
    for engine in ("cpython", "pyodide"):
        done = runner("check", "--engine", engine, "--exercise", str(exercise), "--private-tests", str(private),
                      "--json", *files)
        reference, clips = json.loads(done.stdout)
        assert [t["test"] for t in reference["tests"]][-1] == "test_relu_large_values"
        assert reference["status"] == "pass" and len(reference["tests"]) == 6
        assert clips["tests"][-1]["status"] == "fail" and "no upper limit" in clips["tests"][-1]["hint"]
    plain = json.loads(runner("check", "--exercise", str(exercise), "--json", files[0]).stdout)[0]
    assert len(plain["tests"]) == 5
    done = runner("validate", "--engine", "cpython", "--exercise", str(exercise), "--private-tests", str(private),
                  "--seeds", "2", "--wrong-seeds", "1")
    # clips_above fails the private test too, which it does not declare: validate checks private tests too
    assert "clips_above.py: should pass test_relu_large_values but fails it" in done.stdout


def test_declared_private_tests_are_graded_and_never_shipped(tmp_path):
    exercise = copy_exercise(tmp_path)
    private = tmp_path / "hidden_tests" / "private_tests"
    private.mkdir()
    (private / "test_private.py").write_text(PRIVATE_TEST.format(mark="secret-0417"))
    metadata = json.loads((exercise / "exercise.json").read_text())
    (exercise / "exercise.json").write_text(json.dumps({**metadata, "private_tests": "../hidden_tests/private_tests"}))
    [graded] = json.loads(runner("check", "--exercise", str(exercise), "--json",
                                 str(exercise / "reference_solution.py")).stdout)
    assert len(graded["tests"]) == 6 and graded["status"] == "pass"
    built = runner("build", "--exercise", str(exercise), "--out", str(tmp_path / "dist"))
    assert built.returncode == 0, built.stderr
    site = [path for path in (tmp_path / "dist").rglob("*") if path.is_file() and path.suffix in (".json", ".html", ".js")]
    assert any("test_relu.py" in path.read_text(errors="replace") for path in site)
    assert not [path for path in site if "secret-0417" in path.read_text(errors="replace")]
    assert not [path for path in site if "private_tests/" in path.read_text(errors="replace")]
    assert '"privateTests": true' in (tmp_path / "dist" / "index.html").read_text()
    # an exercise that declares private tests kept elsewhere will not be graded without them
    (exercise / "exercise.json").write_text(json.dumps({**metadata, "private_tests": True}))
    done = runner("check", "--exercise", str(exercise), str(exercise / "reference_solution.py"))
    assert done.returncode == 2 and "--private-tests DIR" in done.stderr
