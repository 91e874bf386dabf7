"""A track's steps share their tests' helpers (issue 36): exercise.json's "test_support" names a folder of Python
modules the hidden tests import, and its "imports" the earlier steps' references solution.py imports. Every
grader gets both: the judge in CPython (check), the page's bundle (Pyodide), a plain `pytest` of the hidden
tests, and the Gradescope autograder."""
import json
import subprocess
import sys
import zipfile

import pytest

from helpers import ROOT
from runner.bundle import build_bundle
from runner.engines.node_engine import PyodideNodeEngine
from runner.engines.process_engine import CPythonEngine
from runner.judge.exercise import Exercise

TESTS = '''from checks import twice
from solution import double


def test_double():
    """double: doubles a number"""
    assert double(3) == twice(3)
'''


CONFTEST = '''import sys
from pathlib import Path

if "solution" not in sys.modules:  # a plain pytest run, as the steps' conftest.py has it
    from runner.authoring.plain_pytest import use_solution_for_tests

    use_solution_for_tests(Path(__file__).parent)
'''


@pytest.fixture(scope="module")
def exercise(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for folder in ("support", "first/exercise", "second/exercise", "second/hidden_tests"):
        (root / folder).mkdir(parents=True)
    (root / "support" / "checks.py").write_text("def twice(x):\n    return 2 * x\n")
    (root / "first" / "exercise" / "reference_solution.py").write_text("def times(x, n):\n    return n * x\n")
    (root / "second" / "exercise" / "reference_solution.py").write_text(
        "from first import times\n\n\ndef double(x):\n    return times(x, 2)\n")
    (root / "second" / "hidden_tests" / "test_second.py").write_text(TESTS)
    (root / "second" / "hidden_tests" / "conftest.py").write_text(CONFTEST)
    (root / "second" / "exercise" / "exercise.json").write_text(json.dumps({
        "id": "second", "title": "Second", "version": "1.0.0", "functions": ["double"], "requirements": ["numpy"],
        "reference": "reference_solution.py", "hidden_tests": "../hidden_tests", "test_support": "../../support",
        "imports": {"first": "../../first/exercise/reference_solution.py"}}))
    return Exercise.load(root / "second" / "exercise")


def reference(exercise):
    return exercise.path("reference").read_text(encoding="utf-8")


def test_the_judge_in_cpython_imports_the_support_and_the_solution_its_step(exercise):
    engine = CPythonEngine(exercise)
    try:
        results = engine.grade(reference(exercise), seed=1)
    finally:
        engine.close()
    assert results["status"] == "pass", results
    assert str(exercise.test_support_dir) not in sys.path and "checks" not in sys.modules


def test_the_bundle_carries_both_and_the_pyodide_judge_uses_them(exercise):
    bundle = build_bundle(exercise)
    assert bundle["judge_files"]["test_support/checks.py"].startswith("def twice")
    assert bundle["judge_files"]["exercise/imports/first.py"].startswith("def times")
    assert "test_support/checks.py" not in bundle["student_files"] and bundle["imports"] == {
        "first": "def times(x, n):\n    return n * x\n"}
    engine = PyodideNodeEngine(exercise)
    try:
        results = engine.grade(reference(exercise), seed=1)
    finally:
        engine.close()
    assert results["status"] == "pass", results


def test_a_plain_pytest_run_of_the_hidden_tests_finds_both(exercise):
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(exercise.tests_dir)],
                          capture_output=True, text=True, timeout=120, cwd=exercise.tests_dir,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]


def test_the_gradescope_autograder_ships_both(exercise, tmp_path):
    out = tmp_path / "autograder.zip"
    done = subprocess.run([sys.executable, "-m", "runner", "export", "gradescope", "--exercise",
                           str(exercise.directory), "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        data = json.loads(archive.read("exercise/exercise.json"))
    assert {"test_support/checks.py", "exercise/imports/first.py", "hidden_tests/test_second.py"} <= names
    assert data["test_support"] == "../test_support" and data["imports"] == {"first": "imports/first.py"}
    assert "exercise/reference_solution.py" not in names
