"""Gradescope's autograder end to end (issue 30): `python -m runner export gradescope` writes autograder.zip, and its
run_autograder grades uploads in a simulated /autograder: a throw-away root under bubblewrap, run as root as
Gradescope does. With the container's full rights the student runs in the sandbox; with a Docker container's
default rights (no CAP_SYS_ADMIN, so no namespaces) as an unprivileged user of its own. Honest, wrong, missing
and attacking uploads; the attacks try to forge results.json, read the tests and change the grader."""
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

import container_root
from helpers import ROOT
from runner.grading import formats
from runner.grading.platforms.runner_closure import runner_files

REFERENCE = (ROOT / "exercise" / "reference_solution.py").read_text()
WRONG = (ROOT / "exercise" / "wrong_solutions" / "ge_mask.py").read_text()
MODES = {"sandbox": "in a bubblewrap sandbox", "docker": "as an unprivileged user of its own"}
# A wrong relu that, at each call, tries to forge the grade, read the tests and change the grader; it prints
# ESCAPED for anything that worked.
ATTACK = '''import glob, json, os
import numpy as np

FORGED = json.dumps({"score": 100, "output": "forged", "tests": []})


def attempt(what, action):
    try:
        action()
        print("ESCAPED:", what)
    except Exception as error:
        print("held:", what, type(error).__name__)


def write(path, text):
    with open(path, "w") as out:
        out.write(text)


def relu(x):
    attempt("forge results.json", lambda: write("/autograder/results/results.json", FORGED))
    attempt("read the hidden tests", lambda: print(open("/autograder/source/hidden_tests/test_relu.py").read()))
    attempt("list the grader", lambda: print(os.listdir("/autograder/source")) or os.listdir("/autograder/source")[0])
    attempt("change the grader", lambda: write("/autograder/source/runner/grading/check.py", "raise SystemExit(0)"))
    attempt("change pytest", lambda: write(glob.glob("/autograder/venv/lib/python*/site-packages/_pytest/runner.py")[0], ""))
    attempt("read the students' details", lambda: print(open("/autograder/submission_metadata.json").read()))
    return x


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
'''


pytestmark = pytest.mark.skipif(not container_root.available(),
                                reason="the simulated /autograder needs bubblewrap, as root (as CI runs)")


@pytest.fixture(scope="module")
def autograder_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "autograder.zip"
    done = subprocess.run([sys.executable, "-m", "runner", "export", "gradescope", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


def run_autograder(zip_path, tmp_path, uploads, mode):
    """Unpack the autograder as Gradescope does, put `uploads` ({name: text}) in the submission folder, run
    run_autograder as root in a throw-away root; results.json as written."""
    layout = tmp_path / "autograder"
    source = layout / "source"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(source)
        for info in archive.infolist():
            (source / info.filename).chmod((info.external_attr >> 16) & 0o777 or 0o644)
    shutil.copyfile(source / "run_autograder", layout / "run_autograder")
    (layout / "run_autograder").chmod(0o755)
    (layout / "submission").mkdir()
    for name, text in uploads.items():
        (layout / "submission" / name).write_text(text)
    (layout / "submission_metadata.json").write_text(json.dumps({"users": [{"email": "student@example.edu"}]}))
    argv = container_root.argv([(layout, "/autograder", True), (sys.prefix, "/autograder/venv", False)],
                               docker=mode == "docker", chdir="/autograder")
    done = subprocess.run([*argv, "--", "/autograder/run_autograder"], capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((layout / "results" / "results.json").read_text())
    jsonschema.validate(results, formats.schema("gradescope"))  # every result, the failures' too
    return results


@pytest.mark.parametrize("mode", ["sandbox", "docker"])
def test_an_honest_upload_gets_every_point_and_the_result_says_how_it_was_isolated(autograder_zip, tmp_path, mode):
    results = run_autograder(autograder_zip, tmp_path, {"solution.py": REFERENCE}, mode)
    assert results["score"] == 5 and [test["status"] for test in results["tests"]] == ["passed"] * 5
    assert f"Your code ran {MODES[mode]}" in results["output"]
    assert ("bubblewrap" in results["extra_data"]["runtime"]["sandbox"]) == (mode == "sandbox")


@pytest.mark.parametrize("mode", ["sandbox", "docker"])
def test_an_attack_forges_nothing_reads_no_test_and_gets_the_graders_score(autograder_zip, tmp_path, mode):
    results = run_autograder(autograder_zip, tmp_path, {"solution.py": ATTACK}, mode)
    text = json.dumps(results)
    assert "ESCAPED" not in text and "forged" not in text
    assert "held: forge results.json" in text and "held: read the hidden tests" in text
    assert "def test_" not in text and "student@example.edu" not in text
    # relu returns x: the grader's own verdicts, with only the negatives test failed
    assert results["score"] == 4 and [test["status"] for test in results["tests"]].count("failed") == 1
    assert results["tests"][1]["status"] == "failed"


def test_a_wrong_upload_gets_its_verdicts_and_hints(autograder_zip, tmp_path):
    results = run_autograder(autograder_zip, tmp_path, {"solution.py": WRONG}, "docker")
    assert results["score"] == 4
    failed = [test for test in results["tests"] if test["status"] == "failed"]
    assert len(failed) == 1 and "Hint: Wrong where x is exactly 0" in failed[0]["output"]


def test_the_pages_submission_file_is_graded_and_another_name_is_taken_when_it_is_the_only_py(autograder_zip, tmp_path):
    submission = {"format": "exercise-submission", "version": 1, "exercise": {"id": "relu-forward-backward",
                                                                             "version": "1.0.0"},
                  "code": REFERENCE, "results": None}
    results = run_autograder(autograder_zip, tmp_path / "a", {"relu-forward-backward-submission.json": json.dumps(submission)}, "sandbox")
    assert results["score"] == 5
    results = run_autograder(autograder_zip, tmp_path / "b", {"my_relu.py": REFERENCE, "notes.txt": "hi"}, "sandbox")
    assert results["score"] == 5


@pytest.mark.parametrize("uploads, expected", [
    ({}, "Your upload is empty."),
    ({"notes.txt": "I could not do it", "relu.ipynb": "{}"}, "Your upload has notes.txt, relu.ipynb."),
    ({"a.py": REFERENCE, "b.py": REFERENCE}, "these files could each be it: a.py, b.py"),
    ({"solution.py": "def relu(x):\n    return x\n\x00"}, "not graded"),
])
def test_a_missing_or_wrong_upload_gets_a_clear_result_and_no_score(autograder_zip, tmp_path, uploads, expected):
    results = run_autograder(autograder_zip, tmp_path, uploads, "sandbox")
    assert results["score"] == 0 and expected in results["output"], results["output"]


def test_the_autograder_holds_no_reference_and_nothing_of_the_site(autograder_zip):
    names = zipfile.ZipFile(autograder_zip).namelist()
    assert {"setup.sh", "run_autograder", "requirements.txt", "exercise/exercise.json",
            "hidden_tests/test_relu.py", "runner/grading/platforms/gradescope_autograder.py"} <= set(names)
    assert not [name for name in names if "reference" in name or "wrong_solutions" in name
                or name.startswith(("runner/web/", "runner/site/", "runner/bench/", "runner/pyodide_engine/"))]


def test_the_autograder_ships_the_runner_files_its_imports_reach_and_not_the_command_line(autograder_zip):
    """No list of the runner's parts is kept: what ships is derived from the autograder's imports, which call
    `check` directly (runner/grading/check.py), never the command line."""
    names = set(zipfile.ZipFile(autograder_zip).namelist())
    shipped = {name for name in names if name.startswith("runner/")}
    assert shipped == set(runner_files(ROOT / "runner" / "grading" / "platforms" / "gradescope_autograder.py"))
    assert {"runner/grading/check.py", "runner/judge/results.py", "runner/results.schema.json",
            "runner/engines/cpython_student.py", "runner/student/student_side.py", "runner/isolation/sandbox_exec.py",
            "runner/grading/formats/gradescope.schema.json"} <= shipped
    assert "runner/cli.py" not in shipped and "runner/__main__.py" not in shipped


def test_each_step_of_a_track_gets_an_autograder_and_one_that_imports_an_earlier_step_grades(tmp_path):
    """export gradescope --track writes one autograder per step (issue 36); step 3's carries step 1's reference,
    which its solution imports, and gives an honest upload every point with the student unprivileged."""
    out = tmp_path / "autograders"
    done = subprocess.run([sys.executable, "-m", "runner", "export", "gradescope", "--track", "track/track.json",
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    from runner.course.track import Track

    track = Track.load(ROOT / "track" / "track.json")
    assert sorted(path.parent.name for path in out.glob("*/autograder.zip")) == sorted(s.slug for s in track.steps)
    linear = track.step("linear").exercise
    reference = linear.path("reference").read_text()
    assert "from tensors import" in reference
    results = run_autograder(out / "linear" / "autograder.zip", tmp_path, {"solution.py": reference}, "docker")
    assert results["score"] == sum(test["max_score"] for test in results["tests"]) > 0, results["tests"]
