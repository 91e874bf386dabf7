"""The track's steps (issue 36) are exercises like ReLU: `validate --track` passes every step in CPython and in the
page's Pyodide (reference on fresh seeds, starter, each wrong solution's declared verdict and hints), the two
engines side by side (runner/authoring/validate.py). ReLU's own files get their verdicts in every engine in
tests/test_verdicts.py, which the suite runs anyway. The whole track on the default seeds takes 3 minutes
(docs/performance.md)."""
import subprocess
import sys

from helpers import ROOT
from runner.course.track import Track

TRACK = ROOT / "track" / "track.json"


def test_validate_passes_every_step_of_the_track_in_both_engines():
    track = Track.load(TRACK)
    steps = [step for step in track.steps if step.slug != "relu"]
    done = subprocess.run([sys.executable, "-m", "runner", "validate", "--track", str(TRACK), "--engine", "both",
                           "--step", ",".join(step.slug for step in steps), "--seeds", "2", "--wrong-seeds", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=500)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"valid: {len(steps)} of the track's {len(track.steps)} steps validated" in done.stdout
    assert "FAIL" not in done.stdout
    # every step in both engines, each engine's report whole (the Pyodide one is printed after CPython's)
    for step in steps:
        report = done.stdout.split(f"step {step.number} {step.slug}:")[1].split("\nstep ")[0]
        cpython, pyodide = report.split("\ncpython:\n")[1].split("\npyodide:\n")
        assert "reference passes every test on 2 seeds" in cpython and "reference passes every test on 2 seeds" in pyodide
        assert cpython.count("fails exactly its declared tests") == pyodide.count("fails exactly its declared tests") > 5
