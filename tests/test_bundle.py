"""bundle.json publishes an exercise's facts with the defaults merged (issue 34): an exercise.json without a
`limits` block gives the Pyodide engines the same limits the command line grades with."""
import json
import shutil

import pytest

from helpers import ROOT
from runner.bundle import build_bundle
from runner.judge.exercise import DEFAULT_LIMITS, Exercise


@pytest.fixture
def exercise_without_limits(tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "sigmoid", tmp_path / "sigmoid")
    metadata = tmp_path / "sigmoid" / "exercise" / "exercise.json"
    data = json.loads(metadata.read_text())
    del data["limits"]
    metadata.write_text(json.dumps(data))
    return Exercise.load(metadata.parent)


def test_an_exercise_without_limits_publishes_the_default_limits(exercise_without_limits):
    bundle = build_bundle(exercise_without_limits)
    assert exercise_without_limits.limits == DEFAULT_LIMITS
    assert bundle["exercise"]["limits"] == exercise_without_limits.limits
    # the judge in Pyodide reads the same document from its own file
    assert json.loads(bundle["judge_files"]["exercise/exercise.json"]) == bundle["exercise"]


def test_an_exercise_s_own_limits_override_the_defaults_one_by_one(exercise_without_limits):
    metadata = exercise_without_limits.directory / "exercise.json"
    data = json.loads(metadata.read_text())
    data["limits"] = {"call_seconds": 0.5}
    metadata.write_text(json.dumps(data))
    exercise = Exercise.load(exercise_without_limits.directory)
    assert build_bundle(exercise)["exercise"]["limits"] == {**DEFAULT_LIMITS, "call_seconds": 0.5}
