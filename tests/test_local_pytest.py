"""An instructor's `pytest hidden_tests` runs against the reference, or against $SOLUTION."""
import os
import subprocess
import sys

from helpers import ROOT


def pytest_hidden(solution=None):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SOLUTION", None)
    if solution:
        env["SOLUTION"] = solution
    return subprocess.run([sys.executable, "-m", "pytest", "hidden_tests", "-q", "-p", "no:cacheprovider"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_reference_passes():
    done = pytest_hidden()
    assert done.returncode == 0, done.stdout
    assert "5 passed" in done.stdout


def test_solution_variable_selects_the_file():
    done = pytest_hidden("exercise/wrong_solutions/ge_mask.py")
    assert done.returncode == 1
    assert "1 failed, 4 passed" in done.stdout
    assert "test_backward_at_zero" in done.stdout
