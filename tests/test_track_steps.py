"""The track's steps (issue 36) are exercises like ReLU: `validate --track` passes every step in CPython (reference on
fresh seeds, starter, each wrong solution's declared verdict and hints), and each step's reference passes in the
page's Pyodide. The whole track in both engines on 8 seeds takes minutes: the issue's note has its figures."""
import subprocess
import sys

import pytest

from helpers import ROOT
from runner.course.track import Track
from runner.engines.node_engine import PyodideNodeEngine

TRACK = ROOT / "track" / "track.json"


def test_validate_passes_every_step_of_the_track_in_cpython():
    done = subprocess.run([sys.executable, "-m", "runner", "validate", "--track", str(TRACK), "--engine", "cpython",
                           "--seeds", "2", "--wrong-seeds", "1"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    steps = Track.load(TRACK).steps
    assert f"valid: {len(steps)} of the track's {len(steps)} steps validated" in done.stdout
    assert "FAIL" not in done.stdout


@pytest.mark.parametrize("slug", [step.slug for step in Track.load(TRACK).steps if step.slug != "relu"])
def test_each_steps_reference_passes_in_the_pages_pyodide(slug):
    exercise = Track.load(TRACK).step(slug).exercise
    engine = PyodideNodeEngine(exercise)
    try:
        results = engine.grade(exercise.path("reference").read_text(encoding="utf-8"), seed=7)
    finally:
        engine.close()
    assert results["status"] == "pass", [(t["name"], t["status"], t.get("message")) for t in results["tests"]]
    assert len(results["tests"]) >= 5
