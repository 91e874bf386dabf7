"""A class's re-grade at any size (issue 35): `check` stopped by Ctrl+C keeps what finished and the same command
goes on to the same summary; `check --shard K/N` grades a stable share and `merge` puts the shards together
into what one run gives, refusing a set that is not every shard of one re-grade once; what is read back from
disk is checked before it is believed."""
import json
import os
import signal
import subprocess
import sys
import threading

import pytest

from helpers import ROOT

WRONG = ROOT / "exercise" / "wrong_solutions"
SEED = "7"
# Relative to the checkout, so that each falls in the same shard wherever the checkout is.
HAND_INS = [f"exercise/wrong_solutions/{name}" for name in ("leaky.py", "ge_mask.py", "identity.py",
                                                            "clips_above.py", "uses_if.py")] + ["exercise/reference_solution.py"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "runner", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def single_run(tmp_path_factory):
    """One uninterrupted, unsharded run of the class (plus a file that is refused): its summary and results."""
    folder = tmp_path_factory.mktemp("single")
    done = run("check", *HAND_INS, str(folder / "absent.py"), "--seed", SEED, "--jobs", "2", "--json",
               "--summary", str(folder / "grades.csv"))
    assert done.returncode == 2, done.stderr  # the absent file
    assert not (folder / "grades.csv.progress").exists()  # a finished run keeps no progress
    return {"summary": (folder / "grades.csv").read_text(), "results": json.loads(done.stdout), "folder": folder}


def test_ctrl_c_stops_with_one_line_and_the_same_command_goes_on_to_the_same_summary(tmp_path, single_run):
    summary = tmp_path / "grades.csv"
    command = [sys.executable, "-m", "runner", "check", *HAND_INS, str(single_run["folder"] / "absent.py"),
               "--seed", SEED, "--jobs", "2", "--summary", str(summary)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stderr:  # progress lines, one per file graded: interrupt after the second
        lines.append(line)
        if sum(1 for seen in lines if seen.startswith("[")) == 2:
            process.send_signal(signal.SIGINT)  # the real process, as Ctrl+C does
            break
    rest = process.stderr.read()
    process.wait(timeout=120)
    process.stdout.close()
    process.stderr.close()
    assert process.returncode == 130, rest
    assert "Traceback" not in rest
    [stopped] = [line for line in rest.splitlines() if not line.startswith("[")]
    progress = tmp_path / "grades.csv.progress"
    assert stopped.startswith("stopped (Ctrl+C): ") and f"of {len(HAND_INS)} hand-ins graded" in stopped
    assert str(progress) in stopped and "run the same command again" in stopped
    kept = int(stopped.split(": ")[1].split(" of ")[0])
    assert 2 <= kept < len(HAND_INS) and len(list(progress.glob("*.json"))) == kept
    assert not summary.exists()

    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 2, again.stderr
    assert f"note: {kept} of {len(HAND_INS)} hand-ins were graded by a run that stopped" in again.stderr
    assert again.stdout.count(": FAIL: ") + again.stdout.count(": PASS: ") == len(HAND_INS) - kept  # each once
    assert summary.read_text() == single_run["summary"]
    assert not progress.exists()


def test_shards_are_stable_and_merge_gives_what_one_run_gives(tmp_path, single_run):
    from runner.grading.formats import render
    from runner.grading.summary import write_summary

    names = HAND_INS + [str(single_run["folder"] / "absent.py")]
    shards = []
    for index in (1, 2):
        done = run("check", *names, "--seed", SEED, "--jobs", "2", "--json", "--shard", f"{index}/2")
        document = json.loads(done.stdout)
        assert document["shard"] == {"index": index, "count": 2} and document["hand_ins"] == len(names)
        assert document["exercise"]["id"] == "relu-forward-backward"
        (tmp_path / f"shard{index}.json").write_text(done.stdout)
        shards.append(document)
    positions = [[entry["position"] for entry in shard["results"]] for shard in shards]
    assert sorted(positions[0] + positions[1]) == list(range(len(names))) and all(positions)
    from runner.grading.shards import shard_of
    assert [shard_of(name, 2) for name in names] == [1 if i in positions[0] else 2 for i in range(len(names))]

    paths = [str(tmp_path / "shard2.json"), str(tmp_path / "shard1.json")]  # in any order
    merged = run("merge", *paths, "--summary", str(tmp_path / "merged.csv"), "--format", "prairielearn")
    assert merged.returncode == 2 and "absent.py: no such file" in merged.stderr  # as the one run says
    assert (tmp_path / "merged.csv").read_text() == single_run["summary"]
    assert json.loads(merged.stdout) == render("prairielearn", single_run["results"])
    for layout in ("canvas", "moodle"):
        assert run("merge", *paths, "--summary", str(tmp_path / f"{layout}.csv"), "--summary-layout",
                   layout).returncode == 2
        write_summary(single_run["results"], tmp_path / f"one-{layout}.csv", layout, "ReLU forward + backward")
        assert (tmp_path / f"{layout}.csv").read_text() == (tmp_path / f"one-{layout}.csv").read_text()


def _shard_files(tmp_path, single_run, count=2):
    """Shard documents of the single run's results, cut as check --shard cuts them (no grading)."""
    from runner.grading.shards import batch_identity, shard_document, shard_of

    names = [results["file"] for results in single_run["results"]]
    grading = {"engine": "cpython", "isolation": "sandbox", "seeds": [int(SEED)], "seed_count": 1}
    exercise = {"id": "relu-forward-backward", "version": "1.0.0", "title": "ReLU", "fingerprint": "f" * 64}
    paths = []
    for index in range(1, count + 1):
        positioned = [(i, results) for i, results in enumerate(single_run["results"])
                      if shard_of(results["file"], count) == index]
        path = tmp_path / f"cut{index}.json"
        path.write_text(json.dumps(shard_document(index, count, exercise, grading, batch_identity(grading, names),
                                                  len(names), positioned)))
        paths.append(path)
    return paths


@pytest.mark.parametrize("spoil, expected", [
    (lambda paths: paths[:1], "shard 2/2 missing"),
    (lambda paths: [paths[0], paths[1], paths[1]], "shard 2/2 given twice"),
    (lambda paths: _edit(paths[1], lambda d: d["exercise"].update(id="another")), "from another exercise"),
    (lambda paths: _edit(paths[1], lambda d: d["exercise"].update(fingerprint="0" * 64)), "from another exercise"),
    (lambda paths: _edit(paths[1], lambda d: d["grading"].update(engine="pyodide")), "from another re-grade"),
    (lambda paths: _edit(paths[1], lambda d: d["shard"].update(count=3)), "2/3"),
    (lambda paths: _edit(paths[1], lambda d: d["results"][0].update(position=d["results"][0]["position"] + 99)),
     "without its place"),
    (lambda paths: _edit(paths[1], lambda d: d["results"][0]["results"].update(status="owned")), "status"),
    (lambda paths: _edit(paths[1], lambda d: d["results"].append(d["results"][0])), "hand-in #"),
    (lambda paths: _edit(paths[1], lambda d: d["shard"].update(index=1)), "not in shard 1/2"),
    (lambda paths: [paths[0], _raw(paths[1], "[" * 100000)], "nested too deeply"),
])
def test_merge_refuses_a_set_that_is_not_every_shard_once(tmp_path, single_run, spoil, expected):
    from runner.grading.merge import merge

    paths = _shard_files(tmp_path, single_run)
    assert merge(paths).exit_code == 2 and merge(paths).messages[-1].endswith("no such file")  # the set is sound
    outcome = merge(spoil(paths), summary=str(tmp_path / "summary.csv"))
    [line] = outcome.messages
    assert outcome.exit_code == 2 and line.startswith("error: ") and expected in line, line
    assert outcome.document is None and not (tmp_path / "summary.csv").exists()


def _edit(path, change):
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    return [path.with_name("cut1.json"), path]


def _raw(path, text):
    path.write_text(text)
    return path


def test_shard_document_and_merge_from_the_command_line(tmp_path):
    done = run("merge", str(tmp_path / "absent.json"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "error: " in done.stderr
    assert run("check", "exercise/reference_solution.py", "--shard", "3/2").returncode == 2


def test_a_kept_result_is_checked_before_it_is_believed_and_a_changed_file_is_graded_again(tmp_path, monkeypatch):
    """In process, unsandboxed on the instructor's own wrong solutions: what the progress folder holds is used
    only when it is this grading's result of this very file."""
    from runner.grading.check import CheckRequest, check
    from runner.grading.resume import Progress

    hand_in = tmp_path / "leaky.py"
    hand_in.write_text((WRONG / "leaky.py").read_text())
    progress = tmp_path / "progress"
    request = CheckRequest(files=(str(hand_in),), isolation="none", jobs=1, seeds=(7,), progress=str(progress))
    graded = []

    def grade():
        return check(request, on_graded=lambda results, done, total: graded.append(results))

    first = grade()
    assert first.exit_code == 1 and len(graded) == 1 and not progress.exists()  # a finished run keeps nothing

    monkeypatch.setattr(Progress, "finish", lambda self: None)  # from here on, as if each run had stopped
    second = grade()
    [kept] = progress.glob("*.json")
    assert oct(progress.stat().st_mode & 0o777) == "0o700"
    again = grade()
    assert len(graded) == 2 and again.results == second.results  # taken, not graded
    assert any(line.startswith("note: 1 of 1 hand-ins") for line in again.messages)

    document = json.loads(kept.read_text())
    document["results"]["file"] = "someone-else.py"
    kept.write_text(json.dumps(document))
    spoiled = grade()
    assert len(graded) == 3 and spoiled.results[0]["file"] == str(hand_in)
    assert any(line.startswith("warning: ") and line.endswith("results of another file: graded again")
               for line in spoiled.messages)

    kept.unlink()
    os.symlink(ROOT / "exercise" / "exercise.json", kept)  # a link planted in its place is not followed
    linked = grade()
    assert len(graded) == 4 and any("symbolic link" in line for line in linked.messages)
    assert not kept.is_symlink() and json.loads((ROOT / "exercise" / "exercise.json").read_text())["id"]

    hand_in.write_text(hand_in.read_text() + "\n# changed\n")  # another file: another name, graded again
    changed = grade()
    assert len(graded) == 5 and not any(line.startswith("note:") for line in changed.messages)
    assert len(list(progress.glob("*.json"))) == 2


def test_a_progress_folder_others_can_write_to_or_a_link_is_refused(tmp_path):
    from runner.grading.check import CheckRequest, check

    request = CheckRequest(files=(str(WRONG / "leaky.py"),), isolation="none", jobs=1, seeds=(7,),
                           progress=str(tmp_path / "progress"))
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "progress")
    outcome = check(request)
    assert outcome.exit_code == 2 and "taken by a link" in outcome.messages[-1]
    os.unlink(tmp_path / "progress")
    (tmp_path / "progress").mkdir(mode=0o777)
    os.chmod(tmp_path / "progress", 0o777)
    outcome = check(request)
    assert outcome.exit_code == 2 and "other users can write to" in outcome.messages[-1]


def test_a_stop_ends_grading_between_files_and_keeps_only_what_finished_before_it(exercise):
    from runner.grading.bulk import Stopped, grade_files

    inputs = [(str(WRONG / name), (WRONG / name).read_text(), None) for name in ("leaky.py", "identity.py", "uses_if.py")]
    stop, heard = threading.Event(), []

    def finished(index, results):
        heard.append(index)
        stop.set()  # Ctrl+C while the first file's result is being kept

    with pytest.raises(Stopped):
        grade_files(exercise, "cpython", inputs, jobs=1, isolation="none", seeds=[7], on_finished=finished, stop=stop)
    assert heard == [0]


def test_the_exercise_fingerprint_follows_its_tests(tmp_path):
    import shutil

    from runner.grading.shards import exercise_identity
    from runner.judge.exercise import Exercise

    shutil.copytree(ROOT / "exercise", tmp_path / "exercise", ignore=shutil.ignore_patterns("wrong_solutions"))
    shutil.copytree(ROOT / "hidden_tests", tmp_path / "hidden_tests", ignore=shutil.ignore_patterns("__pycache__"))
    before = exercise_identity(Exercise.load(tmp_path / "exercise"))
    assert before == exercise_identity(Exercise.load(ROOT / "exercise"))  # the same on every machine
    with open(tmp_path / "hidden_tests" / "test_relu.py", "a") as out:
        out.write("\n# one more comment\n")
    assert exercise_identity(Exercise.load(tmp_path / "exercise"))["fingerprint"] != before["fingerprint"]
