"""`check --format` (issue 30): the same grading in each course platform's format, every document valid
against the schema kept beside its writer (runner/grading/formats/), for a pass, a fail, an error and a
timeout; points from exercise.json weigh the tests."""
import base64
import json
import shutil
import subprocess
import sys

import jsonschema
import pytest

from helpers import ROOT
from runner.grading.formats import FORMATS, github_classroom, render, schema
from runner.grading.points import PointsError, points_table, with_points
from runner.judge.exercise import Exercise

HAND_INS = {
    "pass": ROOT / "exercise" / "reference_solution.py",
    "fail": ROOT / "exercise" / "wrong_solutions" / "ge_mask.py",  # fails test 4 only, with a hint
    "error": ROOT / "tests" / "submissions" / "syntax_error.py",
    "timeout": ROOT / "tests" / "submissions" / "endless_loop_in_relu.py",
}


def check(*args, exercise=ROOT / "exercise"):
    done = subprocess.run([sys.executable, "-m", "runner", "check", "--exercise", str(exercise), *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    return json.loads(done.stdout), done


@pytest.fixture(scope="module")
def graded():
    """The four hand-ins graded once (sandboxed, CPython): {case: results}."""
    everything, _ = check("--json", *HAND_INS.values())
    return dict(zip(HAND_INS, everything))


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(HAND_INS))
def test_every_document_is_valid_against_its_platforms_schema(graded, name, case):
    document = render(name, [graded[case]])
    jsonschema.validate(document, schema(name))


def test_scores_messages_and_hints_reach_each_platform(graded):
    failed = graded["fail"]
    assert (failed["score"], failed["max_score"]) == (4, 5)
    gradescope = render("gradescope", [failed])
    assert gradescope["score"] == 4 and [t["status"] for t in gradescope["tests"]] == ["passed"] * 3 + ["failed", "passed"]
    assert "Hint: Wrong where x is exactly 0" in gradescope["tests"][3]["output"]
    assert "wrong value at index" in gradescope["tests"][3]["output"]
    prairielearn = render("prairielearn", [failed])
    assert prairielearn["gradable"] is True and prairielearn["score"] == pytest.approx(0.8)
    assert [t["points"] for t in prairielearn["tests"]] == [1, 1, 1, 0, 1]
    classroom = render("github-classroom", [failed])
    assert classroom["status"] == "fail" and classroom["max_score"] == 5
    assert sum(t["score"] for t in classroom["tests"]) == 4 and "Hint:" in classroom["tests"][3]["message"]
    assert render("gradescope", [graded["pass"]])["score"] == 5
    timed_out = render("gradescope", [graded["timeout"]])
    assert timed_out["score"] == 3 and "did not return within" in timed_out["tests"][0]["output"]
    broken = render("prairielearn", [graded["error"]])
    assert broken["gradable"] is True and broken["score"] == 0 and "SyntaxError" in broken["message"]


def test_the_command_line_prints_one_document_per_file_or_a_list(graded):
    one, _ = check("--format", "gradescope", HAND_INS["fail"])
    jsonschema.validate(one, schema("gradescope"))
    several, _ = check("--format", "prairielearn", HAND_INS["pass"], HAND_INS["fail"])
    assert [document["score"] for document in several] == [1.0, 0.8]


def test_the_classroom_step_output_is_base64_json(graded):
    line = github_classroom.step_output(graded["fail"])
    assert line.startswith("result=") and line.endswith("\n")
    assert json.loads(base64.b64decode(line[len("result="):])) == render("github-classroom", [graded["fail"]])


def test_points_from_exercise_json_weigh_the_tests(tmp_path):
    folder = tmp_path / "course"
    shutil.copytree(ROOT / "exercise", folder / "exercise")
    shutil.copytree(ROOT / "hidden_tests", folder / "hidden_tests")
    metadata = json.loads((folder / "exercise" / "exercise.json").read_text())
    metadata["points"] = {"test_backward_at_zero": 6, "test_relu_shape": 0.5}
    (folder / "exercise" / "exercise.json").write_text(json.dumps(metadata))
    document, _ = check("--format", "gradescope", HAND_INS["fail"], exercise=folder / "exercise")
    assert document["score"] == 3.5 and [t["max_score"] for t in document["tests"]] == [0.5, 1, 1, 6, 1]
    metadata["points"] = {"test_relu_shape": -1}
    (folder / "exercise" / "exercise.json").write_text(json.dumps(metadata))
    done = subprocess.run([sys.executable, "-m", "runner", "check", "--exercise", str(folder / "exercise"),
                           "--format", "gradescope", str(HAND_INS["pass"])], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0 and '"points" of \'test_relu_shape\' must be a number of at least 0' in done.stderr


def test_points_table_and_scores():
    assert points_table(Exercise.load(ROOT / "exercise")) == {}
    results = {"tests": [{"test": "a", "status": "pass"}, {"test": "b", "status": "fail"}]}
    scored = with_points(results, {"b": 3})
    assert (scored["score"], scored["max_score"]) == (1, 4)
    with pytest.raises(PointsError):
        points_table(type("E", (), {"data": {"points": {"a": "many"}}})())


def test_the_github_classroom_step_writes_what_the_reporter_reads(tmp_path):
    """runner/grading/platforms/github_classroom_step.sh in a student's repository, with a fake $GITHUB_OUTPUT:
    the reporter reads `<RUNNER>_RESULTS` as base64 JSON (its src/main.js)."""
    repo = tmp_path / "student-repo"
    for name in ("runner", "exercise", "hidden_tests"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(HAND_INS["fail"], repo / "solution.py")
    output = tmp_path / "github_output"
    output.write_text("earlier=1\n")
    done = subprocess.run(["bash", "runner/grading/platforms/github_classroom_step.sh", "solution.py"], cwd=repo,
                          env={"PATH": "/usr/bin:/bin", "GITHUB_OUTPUT": str(output), "PYTHON": sys.executable},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    earlier, line = output.read_text().splitlines()
    assert earlier == "earlier=1" and line.startswith("result=")
    document = json.loads(base64.b64decode(line[len("result="):]))
    jsonschema.validate(document, schema("github-classroom"))
    assert document["status"] == "fail" and document["max_score"] == 5
    assert [t["status"] for t in document["tests"]] == ["pass", "pass", "pass", "fail", "pass"]
    (repo / "solution.py").unlink()  # nothing handed in: an error the reporter shows, not a crashed step
    output.write_text("")
    done = subprocess.run(["bash", "runner/grading/platforms/github_classroom_step.sh"], cwd=repo,
                          env={"PATH": "/usr/bin:/bin", "GITHUB_OUTPUT": str(output), "PYTHON": sys.executable},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0
    document = json.loads(base64.b64decode(output.read_text().strip()[len("result="):]))
    assert document["status"] == "error" and document["tests"] == []
