"""The judge's entry point inside Pyodide: grade a source with the student reached through the JS bridge."""
import json
import sys
import types

from runner.judge.exercise import Exercise
from runner.judge.judge import grade
from runner.judge.pytest_args import pytest_args
from runner.judge.pytest_session import configuration
from runner.judge.in_pyodide.transport_bridge import BridgeTransport

EXERCISE_DIR = "/grader/exercise"


def grade_json(source, on_event=None, runtime_json="{}", only_json="null", previous_json="null", run_seconds=None,
               seed=None):
    """Results as a JSON string; on_event(kind, json_text) is a JS callback for progress; `seed` the run's data
    seed (None: a fresh one). The other arguments re-run the tests that found no student interpreter ready
    (see runner.judge.judge.grade)."""
    exercise = Exercise.load(EXERCISE_DIR)

    def forward(kind, payload):
        if on_event is not None:
            on_event(kind, json.dumps(payload))

    results = grade(source, exercise, BridgeTransport(), engine="pyodide", seed=seed, on_event=forward,
                    extra_runtime=json.loads(runtime_json), only=json.loads(only_json),
                    previous=json.loads(previous_json), run_seconds=run_seconds)
    return json.dumps(results)


def configure_pytest():
    """Configure pytest for the hidden tests (plugins, conftest.py) before the first run needs it: the engine
    calls this while the student interpreter is still loading (issue 6)."""
    # conftest.py provides `solution` for a plain local pytest only when none is installed (runner/authoring/plain_pytest.py)
    sys.modules["solution"] = types.ModuleType("solution")
    exercise = Exercise.load(EXERCISE_DIR)
    if exercise.test_support_dir is not None:  # conftest.py may import it, and re-runs share this configuration
        sys.path.insert(0, str(exercise.test_support_dir))
    try:
        configuration(pytest_args(exercise.tests_dir))
    finally:
        sys.modules.pop("solution", None)
