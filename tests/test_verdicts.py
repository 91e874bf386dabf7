"""Every solution gets its declared verdict in every engine (CPython and Pyodide in the sandbox, and the page's
in-process Pyodide engine under Node), and the engines agree."""
from pathlib import Path

import pytest

from helpers import ROOT, SEEDS, assert_valid_results
from runner.authoring.solutions import declared_verdict, verdict_problems, wrong_solutions
from runner.judge.exercise import Exercise

EXERCISE = Exercise.load(ROOT / "exercise")
WRONG = wrong_solutions(EXERCISE)
SUBMISSIONS = sorted((ROOT / "tests" / "submissions").glob("*.py"))
TEST_NAMES = ["test_relu_shape", "test_relu_values", "test_backward_mask", "test_backward_at_zero",
              "test_backward_finite_difference"]
DISPLAY_NAMES = [
    "relu: output shape matches input",
    "relu: zeroes out negatives, keeps non-negatives",
    "relu_backward: grad passes through where x > 0, blocked where x <= 0",
    "relu_backward: at exactly x=0 sub-gradient is 0 (the convention)",
    "relu_backward: matches finite-difference gradient (atol about 1e-3)",
]


def test_there_are_at_least_eight_declared_wrong_solutions():
    assert len(WRONG) >= 8
    for path in WRONG:
        kind, failures = declared_verdict(path)
        assert kind == "tests" and failures, f"{path.name} must declare the tests it fails"


def test_reference_passes_all_five_in_order(grader):
    results = grader.grade_file(EXERCISE.path("reference"))
    assert_valid_results(results)
    assert results["status"] == "pass", results
    assert [t["name"] for t in results["tests"]] == DISPLAY_NAMES
    assert [t["test"] for t in results["tests"]] == TEST_NAMES
    assert all(t["status"] == "pass" for t in results["tests"])


def test_starter_fails_all_five_as_not_implemented(grader):
    results = grader.grade_file(EXERCISE.path("starter"))
    assert_valid_results(results)
    assert results["status"] == "fail"
    assert [t["kind"] for t in results["tests"]] == ["not_implemented"] * 5
    assert all("not implemented yet" in t["message"] for t in results["tests"])


@pytest.mark.parametrize("path", WRONG + SUBMISSIONS, ids=lambda p: p.name)
def test_declared_verdict(grader, path):
    results = grader.grade_file(path)
    assert_valid_results(results)
    assert verdict_problems(path, results) == []


AGREEING = [(path, SEEDS[0]) for path in WRONG + SUBMISSIONS + [EXERCISE.path("reference"), EXERCISE.path("starter")]]
# On a second seed, the files whose failures depend most on the data (validate grades every wrong solution in
# CPython and in the page's Pyodide too: tests/test_instructor.py)
AGREEING += [(ROOT / "exercise" / "wrong_solutions" / name, SEEDS[1])
             for name in ("mutates_input.py", "np_max_reduces.py", "leaky.py", "times_mask_inf.py")]
AGREEING += [(EXERCISE.path("reference"), SEEDS[1])]


@pytest.mark.parametrize("path, seed", AGREEING, ids=lambda p: Path(p).name if isinstance(p, Path) else str(p))
def test_engines_agree(cpython_grader, pyodide_grader, inprocess_grader, path, seed):
    """The same file on the same data gets the same verdicts and hints in every engine, and the same data:
    the failure messages name the same inputs (issue 26)."""
    graders = (cpython_grader, pyodide_grader, inprocess_grader)
    runs = [grader.grade_file(path, seed) for grader in graders]
    verdicts = [[(t["test"], t["status"], t.get("kind"), t.get("hint"), t.get("inputs")) for t in results["tests"]]
                for results in runs]
    assert runs[0]["status"] == runs[1]["status"] == runs[2]["status"], [(r["status"], r.get("message")) for r in runs]
    assert runs[0]["seed"] == runs[1]["seed"] == runs[2]["seed"] == seed
    assert verdicts[0] == verdicts[1] == verdicts[2]


def test_runtime_versions(pyodide_grader, cpython_grader, inprocess_grader):
    sandboxed = pyodide_grader.grade_file(EXERCISE.path("reference"))["runtime"]
    # the student's runtime is Pyodide's; the judge is this CPython
    assert (sandboxed["engine"], sandboxed["python"], sandboxed["numpy"], sandboxed["pyodide"]) == \
           ("pyodide", "3.12.7", "2.0.2", "0.27.7")
    assert sandboxed["judge"].startswith("cpython ") and sandboxed["sandbox"].startswith("bubblewrap ")
    page = inprocess_grader.grade_file(EXERCISE.path("reference"))["runtime"]
    assert (page["engine"], page["python"], page["numpy"], page["pyodide"]) == ("pyodide", "3.12.7", "2.0.2", "0.27.7")
    # student interpreters start from a memory snapshot of a fresh one, not from a plain load (issue 6)
    assert page["student_start"] == "snapshot"
    # NumPy is unpacked once, the other interpreter getting copies of its files (issue 6)
    assert page["unpacked_once"] is True
    cpython = cpython_grader.grade_file(EXERCISE.path("reference"))["runtime"]
    assert cpython["engine"] == "cpython" and cpython["sandbox"].startswith("bubblewrap ")
    # each sandboxed Pyodide student starts from what runner/engines/node_student_prep.mjs prepared on the host (issue 20)
    assert sandboxed["student_start"] == "snapshot"


def test_a_memory_bomb_gets_memory_error_in_every_engine(grader):
    """The sandboxed Pyodide student's WebAssembly memory is capped below its data limit: growing into that
    limit made V8 retry each refused growth, and the bomb timed out instead of raising (issue 20)."""
    first = grader.grade_file(ROOT / "tests" / "submissions" / "memory_bomb.py")["tests"][0]
    assert first["kind"] == "exception" and "MemoryError" in first["message"], first


def test_each_student_interpreter_draws_its_own_random_numbers(grader):
    """Pyodide's student interpreters start from one memory snapshot, which holds `random` already seeded:
    each must take a new seed, or every run would draw the same numbers (as a fresh CPython process does not)."""
    drawing = EXERCISE.path("reference").read_text() + (
        "\nimport random\n_relu = relu\n\ndef relu(x):\n    print('draw', random.random())\n    return _relu(x)\n")
    draws = []
    for _ in range(2):
        results = grader.grade_source(drawing)
        assert results["status"] == "pass", results
        draws.append([line for t in results["tests"] for line in (t["output"] or "").splitlines()])
    assert draws[0] and draws[0] != draws[1]


def test_a_solution_that_wrecks_numpys_files_leaves_the_next_run_intact(inprocess_grader):
    """Pyodide's interpreters get copies of NumPy's files, unpacked once (runner/pyodide_engine/shared_unpack.mjs): a
    solution that overwrites every file of its own NumPy with zeros must not reach the interpreters loaded
    after it (the Node engine keeps two loaded ahead, so three runs follow). Pyodide only: the CPython
    engine's student is a plain process on the instructor's machine, with that machine's NumPy."""
    wrecking = EXERCISE.path("reference").read_text() + (
        "\nimport os, numpy\nfor folder, _, names in os.walk(os.path.dirname(numpy.__file__)):\n"
        "    for name in names:\n        path = os.path.join(folder, name)\n"
        "        with open(path, 'r+b') as file:\n            file.write(bytes(os.path.getsize(path)))\n")
    assert inprocess_grader.grade_source(wrecking)["status"] == "pass"
    for _ in range(3):
        after = inprocess_grader.grade_source(EXERCISE.path("reference").read_text() + "\nimport numpy.polynomial\n")
        assert after["status"] == "pass", after
