"""The track's manifest (issue 36): a sound one loads in order; a missing folder, a cycle, a step building on a later
one, tests importing a later step, a step without tests or a wrong exercise.json field each stop validate and check
with one line naming the file and the field."""
import json
import subprocess
import sys

import pytest

from helpers import ROOT
from runner.course.track import Track, TrackError
from runner.judge.exercise import Exercise, ExerciseError

TITLE = "A small track"


def make_step(root, slug, number, *, tests="import numpy\n\ndef test_a():\n    'a: works'\n", **fields):
    folder = root / slug
    (folder / "exercise").mkdir(parents=True)
    (folder / "hidden_tests").mkdir()
    data = {"id": slug, "title": slug.title(), "version": "1.0.0", "functions": ["f"],
            "hidden_tests": "../hidden_tests", "track": {"name": TITLE, "step": number}, **fields}
    (folder / "exercise" / "exercise.json").write_text(json.dumps(data))
    if tests is not None:
        (folder / "hidden_tests" / f"test_{slug}.py").write_text(tests)
    return folder


def manifest(root, steps, **fields):
    path = root / "track.json"
    path.write_text(json.dumps({"id": "small", "title": TITLE, "steps": steps, **fields}))
    return path


def entry(slug, builds_on=(), module=None):
    return {"slug": slug, "exercise": f"{slug}/exercise", "module": module or slug, "builds_on": list(builds_on)}


@pytest.fixture
def three(tmp_path):
    for number, slug in enumerate(["first", "second", "third"], 1):
        make_step(tmp_path, slug, number)
    return tmp_path


def test_the_course_track_loads_its_steps_in_order_relu_as_step_2():
    track = Track.load(ROOT / "track" / "track.json")
    assert [step.slug for step in track.steps][:2] == ["tensors", "relu"]
    assert track.step("relu").exercise.directory.resolve() == (ROOT / "exercise").resolve()
    assert all(step.exercise.data["track"]["step"] == step.number for step in track.steps)


def test_a_sound_manifest_loads(three):
    track = Track.load(manifest(three, [entry("first"), entry("second", ["first"]), entry("third", ["first", "second"])]))
    assert [(step.number, step.slug, step.builds_on) for step in track.steps] == [
        (1, "first", ()), (2, "second", ("first",)), (3, "third", ("first", "second"))]


@pytest.mark.parametrize("steps, words", [
    ([entry("first"), entry("second"), {**entry("third"), "exercise": "gone/exercise"}], ["step 'third'", "exercise:", "gone"]),
    ([entry("first", ["third"]), entry("second", ["first"]), entry("third", ["second"])], ["builds_on", "cycle", "first -> third"]),
    ([entry("first", ["second"]), entry("second"), entry("third")], ["step 'first'", "builds_on", "'second' comes later"]),
    ([entry("first", ["nothing"]), entry("second"), entry("third")], ["builds_on", "no step named 'nothing'"]),
    ([entry("first"), entry("second"), entry("third", module="first")], ["module 'first' names two steps"]),
    ([entry("first"), entry("second", module="solution"), entry("third")], ["step 'second'", "module:"]),
])
def test_a_broken_manifest_stops_with_one_line_naming_the_field(three, steps, words):
    with pytest.raises(TrackError) as caught:
        Track.load(manifest(three, steps))
    message = str(caught.value)
    assert "\n" not in message and all(word in message for word in words), message


def test_tests_that_import_a_later_step_are_refused(tmp_path):
    make_step(tmp_path, "first", 1, tests="from second import f\n\ndef test_a():\n    'a: works'\n")
    make_step(tmp_path, "second", 2)
    with pytest.raises(TrackError, match=r"test_first.py: imports 'second', step 'second', which comes later"):
        Track.load(manifest(tmp_path, [entry("first"), entry("second")]))


@pytest.mark.parametrize("imports, builds_on, words", [
    ({"first": "../../first/exercise/reference_solution.py"}, ["first"], None),
    ({"first": "../../first/exercise/reference_solution.py"}, [], "imports.first: no step this one builds on"),
    ({"first": "../../first/exercise/solution.py"}, ["first"], "imports.first: must be the reference of step 'first'"),
    ({"zeroth": "../../first/exercise/reference_solution.py"}, ["first"], "imports.zeroth: no step this one builds on"),
])
def test_a_step_imports_only_the_references_of_steps_it_builds_on(tmp_path, imports, builds_on, words):
    first = make_step(tmp_path, "first", 1, reference="reference_solution.py")
    for name in ("reference_solution.py", "solution.py"):
        (first / "exercise" / name).write_text("def f():\n    return 1\n")
    make_step(tmp_path, "second", 2, imports=imports)
    path = manifest(tmp_path, [entry("first"), entry("second", builds_on)])
    if words is None:
        assert Track.load(path).step("second").exercise.import_sources() == {"first": "def f():\n    return 1\n"}
    else:
        with pytest.raises(TrackError, match=r"second/exercise/exercise.json: " + words):
            Track.load(path)


def test_a_step_without_tests_is_refused(tmp_path):
    make_step(tmp_path, "first", 1, tests=None)
    with pytest.raises(TrackError, match=r"exercise.json: hidden_tests: .* holds no test_\*.py"):
        Track.load(manifest(tmp_path, [entry("first")]))


def test_a_step_whose_track_field_disagrees_with_the_manifest_is_refused(tmp_path):
    make_step(tmp_path, "first", 2)
    with pytest.raises(TrackError, match=r"first/exercise/exercise.json: track: must be"):
        Track.load(manifest(tmp_path, [entry("first")]))


@pytest.mark.parametrize("fields, words", [
    ({"functions": "relu"}, "functions: a non-empty list"),
    ({"functions": ["relu", "not a name"]}, "functions: a non-empty list"),
    ({"limits": {"run_seconds": -1}}, "limits.run_seconds: a number of seconds above 0"),
    ({"limits": {"memory": 5}}, "limits.memory: not a limit"),
    ({"title": 3}, "title: a non-empty string"),
    ({"statement": ["a.md"]}, "statement: a path relative"),
    ({"imports": ["tensors"]}, "imports: an object of"),
    ({"imports": {"solution": "a.py"}}, "imports: an object of"),
    ({"imports": {"tensors": "gone.py"}}, "imports.tensors: no such file: gone.py"),
])
def test_a_wrong_exercise_json_field_is_named(tmp_path, fields, words):
    folder = make_step(tmp_path, "first", 1, **fields)
    with pytest.raises(ExerciseError) as caught:
        Exercise.load(folder / "exercise")
    assert str(caught.value).startswith(str(folder / "exercise" / "exercise.json")) and words in str(caught.value)


def runner(*args, cwd):
    return subprocess.run([sys.executable, "-m", "runner", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_validate_check_build_and_export_stop_on_a_broken_track_or_exercise_with_one_line_and_write_nothing(three):
    bad = manifest(three, [entry("first", ["third"]), entry("second"), entry("third", ["first"])])
    broken = make_step(three, "broken", 1, functions=[])
    solution = three / "solution.py"
    solution.write_text("def f():\n    return 1\n")
    before = sorted(path.name for path in three.rglob("*"))
    done = runner("validate", "--track", str(bad), "--engine", "cpython", cwd=three)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "builds_on: a cycle: first -> third -> first" in done.stderr, done.stderr
    done = runner("check", "--no-sandbox", "--exercise", str(broken / "exercise"), str(solution), cwd=three)
    assert done.returncode == 2 and "exercise.json: functions: a non-empty list" in done.stderr, done.stderr
    for command in (["check", "--no-sandbox", "--track", str(bad), str(solution)],
                    ["build", "--track", str(bad), "--out", str(three / "site")],
                    ["export", "gradescope", "--track", str(bad), "--out", str(three / "autograders")]):
        done = runner(*command, cwd=three)
        assert done.returncode == 2 and done.stdout == "", (command, done.stdout)
        assert done.stderr.count("\n") == 1 and "builds_on: a cycle" in done.stderr, (command, done.stderr)
    assert sorted(path.name for path in three.rglob("*")) == before
