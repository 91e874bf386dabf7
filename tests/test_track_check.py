"""`check --track` (issue 36): each student's hand-in of a whole track (a track-submission .json or a folder of
<step>.py files), every step graded with its own exercise in the track's order. An own-code step imports the
student's own earlier step where that step passed, else the reference, and says which (built_on); a step not
handed in scores 0; a hostile hand-in is refused with one line while the others are graded; the summary has a
column per step in every layout, and every platform document stays valid against its schema."""
import csv
import json
import os
import subprocess
import sys

import jsonschema
import pytest

from helpers import ROOT, SEEDS
from runner.course.track import Track, TrackError
from runner.grading.check import CheckRequest, check
from runner.grading.formats import FORMATS, render, schema
from runner.grading.resume import Progress
from runner.grading.summary import write_summary
from runner.grading.track_check import step_labels
from runner.judge import results as results_document

RESULTS_SCHEMA = json.loads((ROOT / "runner" / "results.schema.json").read_text())
TRACK_RESULTS = jsonschema.Draft202012Validator(RESULTS_SCHEMA).evolve(schema=RESULTS_SCHEMA["$defs"]["track"])
HAND_IN_SCHEMA = json.loads((ROOT / "runner" / "grading" / "track-submission.schema.json").read_text())
TITLE = "A small track"

FIRST_TESTS = '''from solution import times


def test_times():
    """times: multiplies"""
    assert times(3, 2) == 6


def test_times_zero():
    """times: by zero"""
    assert times(5, 0) == 0
'''
SECOND_TESTS = '''from solution import double


def test_double():
    """double: doubles a number"""
    assert double(3) == 6
'''
GOOD_FIRST = 'WHO = "{who}"\n\n\ndef times(x, n):\n    return x * n\n'
BAD_FIRST = 'WHO = "{who}"\n\n\ndef times(x, n):\n    return x + n\n'  # 3 "times" 2 is 5: step 1 fails
# Prints whose `first` it was given: the test's output shows which module the judge installed.
SECOND = ('import first\nfrom first import times\n\n\ndef double(x):\n'
          '    print("first is", getattr(first, "WHO", "the reference"))\n    return times(x, 2)\n')


def make_step(root, slug, number, tests, reference, **fields):
    (root / slug / "exercise").mkdir(parents=True)
    (root / slug / "hidden_tests").mkdir()
    (root / slug / "hidden_tests" / f"test_{slug}.py").write_text(tests)
    (root / slug / "exercise" / "reference_solution.py").write_text(reference)
    (root / slug / "exercise" / "exercise.json").write_text(json.dumps({
        "id": slug, "title": slug.title(), "version": "1.0.0", "requirements": ["numpy"],
        "reference": "reference_solution.py", "hidden_tests": "../hidden_tests",
        "track": {"name": TITLE, "step": number}, **fields}))


def make_track(root, **second):
    """A two-step track: first (times, 3 points) and second (double, 1 point), which imports first and is
    graded on the student's own first where it passed."""
    make_step(root, "first", 1, FIRST_TESTS, GOOD_FIRST.format(who="the reference"), functions=["times"],
              points={"test_times": 2})
    make_step(root, "second", 2, SECOND_TESTS, SECOND, functions=["double"],
              imports={"first": "../../first/exercise/reference_solution.py"})
    steps = [{"slug": "first", "exercise": "first/exercise", "module": "first", "builds_on": []},
             {"slug": "second", "exercise": "second/exercise", "module": "second", "builds_on": ["first"],
              "own_code": True, **second}]
    path = root / "track.json"
    path.write_text(json.dumps({"id": "small", "title": TITLE, "steps": steps}))
    return path


def submission(code, exercise):
    return {"format": "exercise-submission", "version": 1, "code": code,
            "exercise": {"id": exercise, "version": "1.0.0"}}


def track_submission(steps, track="small", **more):
    return {"format": "track-submission", "version": 1, "track": {"id": track}, **more, "steps": steps}


def folder(root, name, files):
    (root / name).mkdir()
    for file, text in files.items():
        (root / name / file).write_text(text)
    return root / name


def write(path, document):
    path.write_text(json.dumps(document))
    return path


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One class graded once from the command line: three students, two with a step refused, six refused whole."""
    root = tmp_path_factory.mktemp("track")
    manifest = make_track(root)
    hand_ins = root / "hand_ins"
    hand_ins.mkdir()
    alice = folder(hand_ins, "alice", {"first.py": GOOD_FIRST.format(who="alice"), "second.py": SECOND,
                                       "notes.txt": "ignored", ".hidden.py": "ignored"})
    bob = write(hand_ins / "bob.json", track_submission(
        {"first": submission(BAD_FIRST.format(who="bob"), "first"), "second": submission(SECOND, "second")},
        student={"name": "Bob Stone", "id": "42"}))
    carol = folder(hand_ins, "carol", {"second.py": SECOND})  # step 1 not handed in
    dave = folder(hand_ins, "dave", {"second.py": SECOND})
    os.symlink(alice / "first.py", dave / "first.py")  # a link: that step refused, the other graded
    bad_step = write(hand_ins / "bad_step.json", track_submission(
        {"first": {"format": "exercise-submission", "code": 5}, "second": submission(SECOND, "second")}))
    hostile = {
        "stranger": write(hand_ins / "stranger.json", track_submission({"third": submission(SECOND, "second")})),
        "other_track": write(hand_ins / "other_track.json", track_submission({}, track="big")),
        "wrong_types": write(hand_ins / "wrong_types.json", track_submission(["first"])),
        "student_type": write(hand_ins / "student_type.json", track_submission({}, student=["Eve"])),
        "huge": hand_ins / "huge.json",
        "link": hand_ins / "link.json",
        "misnamed": folder(hand_ins, "misnamed", {"Second.py": SECOND}),
    }
    with open(hostile["huge"], "wb") as out:
        out.truncate(2 * 8 * 1024 * 1024 + 1)  # more than 8 MiB a step
    os.symlink(bob, hostile["link"])
    good = {"alice": alice, "bob": bob, "carol": carol, "dave": dave, "bad_step": bad_step}
    files = [*good.values(), *hostile.values()]
    done = subprocess.run([sys.executable, "-m", "runner", "check", "--track", str(manifest), "--seed", str(SEEDS[0]),
                           "--jobs", "2", "--json", "--summary", str(root / "summary.csv"), *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    everything = json.loads(done.stdout)
    return {"done": done, "track": Track.load(manifest), "root": root, "manifest": manifest,
            "by_name": dict(zip([*good, *hostile], everything)), "everything": everything,
            "good": good, "hostile": hostile}


def test_an_own_code_step_uses_the_students_step_where_it_passed_else_the_reference(graded):
    alice, bob = graded["by_name"]["alice"], graded["by_name"]["bob"]
    assert alice["status"] == "pass" and (alice["score"], alice["max_score"]) == (4, 4) and alice["student"] == "alice"
    second = alice["steps"]["second"]
    assert second["built_on"] == {"first": "yours"} and "first is alice" in second["tests"][0]["output"]
    # Bob's first fails: his second is graded on the reference first, and passes on it.
    assert bob["steps"]["first"]["status"] == "fail" and bob["steps"]["first"]["score"] == 0
    second = bob["steps"]["second"]
    assert second["status"] == "pass" and second["built_on"] == {"first": "reference"}
    assert "first is the reference" in second["tests"][0]["output"]
    assert (bob["student"], bob["student_id"], bob["status"], bob["score"], bob["max_score"]) == ("Bob Stone", "42",
                                                                                                   "fail", 1, 4)


def test_a_step_not_handed_in_scores_nothing_and_the_next_is_built_on_the_reference(graded):
    carol = graded["by_name"]["carol"]
    first, second = carol["steps"]["first"], carol["steps"]["second"]
    assert (first["status"], first["kind"], first["message"], first["score"], first["max_score"]) == \
           ("error", "missing", "not handed in", 0, 3)
    assert second["status"] == "pass" and second["built_on"] == {"first": "reference"}
    assert (carol["status"], carol["score"], carol["max_score"]) == ("fail", 1, 4)


def test_hostile_hand_ins_are_refused_with_one_line_each_and_the_others_graded(graded):
    done, by_name = graded["done"], graded["by_name"]
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    reasons = {"stranger": '"third" is no step of track "small"', "other_track": 'made for track "big"',
               "wrong_types": "steps: an object", "student_type": "student: an object", "huge": "more than the",
               "link": "symbolic link", "misnamed": '"Second.py", which names no step'}
    for name, reason in reasons.items():
        path = str(graded["hostile"][name])
        mine = [line for line in errors if line.startswith(f"error: {path}: ")]
        assert len(mine) == 1 and reason in mine[0], (name, errors)
        results = by_name[name]
        assert (results["status"], results["kind"], results["steps"], results["file"]) == ("error", "refused", {}, path)
        assert results["max_score"] == 4 and reason in results["message"]
    # A bad step entry, or a step's file that is a link, refuses that step only; the other is graded.
    for name, where, reason in (("bad_step", "bad_step.json:first", "steps.first: not a submission file"),
                                ("dave", "dave/first.py", "symbolic link")):
        mine = [line for line in errors if where in line]
        assert len(mine) == 1 and reason in mine[0], errors
        results = by_name[name]
        assert results["steps"]["first"]["kind"] == "refused" and results["steps"]["second"]["status"] == "pass"
        assert results["steps"]["second"]["built_on"] == {"first": "reference"}
    assert len(errors) == len(reasons) + 2
    assert by_name["misnamed"]["student"] == "misnamed"  # a folder is its student's, refused or not
    for results in graded["everything"]:
        TRACK_RESULTS.validate(results)


def test_the_hand_ins_format_is_documented_by_its_schema(graded):
    bob = json.loads(graded["good"]["bob"].read_text())
    jsonschema.validate(bob, HAND_IN_SCHEMA)
    stranger = json.loads(graded["hostile"]["wrong_types"].read_text())
    assert not jsonschema.Draft202012Validator(HAND_IN_SCHEMA).is_valid(stranger)


def test_the_summary_has_a_column_per_step_in_every_layout(graded, tmp_path):
    with open(graded["root"] / "summary.csv", newline="") as source:
        rows = {row["file"]: row for row in csv.DictReader(source)}
    alice, carol = rows[str(graded["good"]["alice"])], rows[str(graded["good"]["carol"])]
    assert (alice["first"], alice["second"], alice["score"], alice["max_score"]) == ("3", "1", "4", "4")
    assert (carol["first"], carol["second"], carol["student"]) == ("", "1", "carol")
    assert "first: not handed in" in carol["notes"] and "second: built on the reference first" in carol["notes"]
    labels = step_labels(graded["track"])
    assert labels == [("first", "Step 1, First"), ("second", "Step 2, Second")]
    for layout, name_column in (("canvas", "Student"), ("moodle", "Full name")):
        write_summary(graded["everything"], tmp_path / f"{layout}.csv", layout, TITLE, steps=labels)
        with open(tmp_path / f"{layout}.csv", newline="") as source:
            rows = list(csv.DictReader(source))
        assert {"Step 1, First", "Step 2, Second"} <= set(rows[0]), (layout, list(rows[0]))
        bob = next(row for row in rows if row[name_column] == "Bob Stone")
        assert (bob["Step 1, First"], bob["Step 2, Second"]) == ("0", "1")
    assert rows[0]["Identifier"] == "" and bob["Identifier"] == "Participant 42" and bob["Grade"] == "1"
    assert "Step 2, Second: 1 of 1" in bob["Feedback comments"] and "reference first" in bob["Feedback comments"]
    with open(tmp_path / "canvas.csv", newline="") as source:
        points = next(csv.DictReader(source))
    assert (points["Student"], points["Step 1, First"], points["Step 2, Second"]) == ("Points Possible", "3", "1")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_platform_document_holds_every_steps_tests_and_stays_valid(graded, name):
    labels = step_labels(graded["track"])
    for results in graded["everything"]:
        jsonschema.validate(render(name, [results], labels), schema(name))
    bob = render(name, [graded["by_name"]["bob"]], labels)
    tests = bob["tests"]
    assert [test["name"].split(": ")[0] for test in tests] == ["Step 1, First"] * 2 + ["Step 2, Second"]
    assert tests[0]["name"] == "Step 1, First: times: multiplies"
    carol = render(name, [graded["by_name"]["carol"]], labels)
    assert carol["tests"][0]["name"] == "Step 1, First: not handed in"
    score = {"gradescope": lambda d: d["score"], "prairielearn": lambda d: d["score"] * 4,
             "github-classroom": lambda d: sum(t["score"] for t in d["tests"]), "exercism": lambda d: d["score"]}[name]
    assert score(bob) == pytest.approx(1)
    assert score(render(name, [graded["by_name"]["alice"]], labels)) == pytest.approx(4)
    if name == "gradescope":
        assert "Step 2, Second: built on the reference first" in bob["output"]


def test_progress_keeps_each_steps_results_and_the_same_command_goes_on(tmp_path, monkeypatch):
    manifest = make_track(tmp_path)
    alice = folder(tmp_path, "alice", {"first.py": GOOD_FIRST.format(who="alice"), "second.py": SECOND})
    request = CheckRequest(files=(str(alice),), track=str(manifest), jobs=1, seeds=(SEEDS[1],),
                           progress=str(tmp_path / "kept"), format="json")
    monkeypatch.setattr(Progress, "finish", lambda self: None)  # as if the run had stopped before the end
    first = check(request)
    assert first.exit_code == 0 and first.results[0]["status"] == "pass", first.messages
    again = check(request)
    assert again.results == first.results and again.exit_code == 0
    notes = [line for line in again.messages if "were graded by a run that stopped" in line]
    assert [line.split(":")[1].strip() for line in notes] == ["step 1 of 2 (first)", "step 2 of 2 (second)"], notes
    # Her first changed and now fails: her second, the same file, is graded again on the reference first.
    (alice / "first.py").write_text(BAD_FIRST.format(who="alice"))
    changed = check(request)
    second = changed.results[0]["steps"]["second"]
    assert changed.results[0]["steps"]["first"]["status"] == "fail" and second["built_on"] == {"first": "reference"}
    assert "first is the reference" in second["tests"][0]["output"] and changed.exit_code == 1


@pytest.mark.parametrize("extra, words", [
    (["--shard", "1/2"], "--shard does not take --track"),
    (["--private-tests", "."], "--private-tests is for one exercise"),
    (["--engine", "pyodide", "--no-sandbox"], "cannot grade step 'second' on a student's own modules"),
])
def test_what_a_track_cannot_be_graded_with_is_refused_with_one_line(tmp_path, extra, words):
    manifest = make_track(tmp_path)
    hand_in = write(tmp_path / "h.json", track_submission({"second": submission(SECOND, "second")}))
    done = subprocess.run([sys.executable, "-m", "runner", "check", "--track", str(manifest), *extra, str(hand_in)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("error: ") and words in done.stderr


def test_the_manifest_checks_own_code(tmp_path):
    with pytest.raises(TrackError) as caught:
        Track.load(make_track(tmp_path / "a", own_code="yes"))
    assert "step 'second': own_code: true or false" in str(caught.value) and "\n" not in str(caught.value)
    root = tmp_path / "b"
    make_track(root)
    make_step(root, "lone", 2, SECOND_TESTS, SECOND, functions=["double"])  # it imports no earlier step
    (root / "track.json").write_text(json.dumps({"id": "small", "title": TITLE, "steps": [
        {"slug": "first", "exercise": "first/exercise", "module": "first", "builds_on": []},
        {"slug": "lone", "exercise": "lone/exercise", "module": None, "builds_on": ["first"], "own_code": True}]}))
    with pytest.raises(TrackError, match="step 'lone': own_code: the step imports no earlier step"):
        Track.load(root / "track.json")


def test_the_real_track_trains_the_capstone_on_the_students_own_pieces(tmp_path):
    """The course's own track end to end (issue 36's "done"): one student hands in the references of every step, so
    the capstone trains on their own pieces; another's linear is a wrong solution, so the capstone trains on
    the reference linear and says so."""
    track = Track.load(ROOT / "track" / "track.json")
    code = {step.slug: step.exercise.path("reference").read_text(encoding="utf-8") for step in track.steps}
    wrong_linear = (track.step("linear").exercise.path("wrong_solutions") / "grad_b_mean.py").read_text(encoding="utf-8")
    files = []
    for name, linear in (("Ada", code["linear"]), ("Bo", wrong_linear)):
        steps = {slug: submission({**code, "linear": linear}[slug], track.step(slug).exercise.id) for slug in code}
        files.append(write(tmp_path / f"{name}.json", track_submission(steps, track=track.id, student={"name": name})))
    done = subprocess.run([sys.executable, "-m", "runner", "check", "--track", str(ROOT / "track" / "track.json"),
                           "--engine", "cpython", "--jobs", "2", "--seed", str(SEEDS[0]), "--json", *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    ada, bo = json.loads(done.stdout)
    for results in (ada, bo):
        TRACK_RESULTS.validate(results)
        assert list(results["steps"]) == [step.slug for step in track.steps]
    assert ada["status"] == "pass" and ada["score"] == ada["max_score"] > 0, done.stderr
    assert ada["steps"]["train"]["built_on"] == {"tensors": "yours", "relu": "yours", "linear": "yours", "softmax": "yours"}
    assert bo["steps"]["linear"]["status"] == "fail" and bo["steps"]["train"]["status"] == "pass"
    assert bo["steps"]["train"]["built_on"]["linear"] == "reference" and bo["steps"]["train"]["built_on"]["relu"] == "yours"
    assert "and on the reference linear" in results_document.built_on_sentence(bo["steps"]["train"]["built_on"])
    assert done.returncode == 1
