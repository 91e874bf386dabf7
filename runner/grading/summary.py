"""The summary `check --summary` writes: one row per hand-in, one column per test, as CSV or JSON; or the CSV a
gradebook imports (--summary-layout canvas or moodle, issue 30). Written
to a new file renamed into place, so a link planted at the path is replaced, never followed (issue 27); in
the CSV, a cell that starts like a formula is neutralised (OWASP's CSV-injection rule). For `check --track`,
one row per student's track, a column per step (track_rows and the gradebooks' track layouts)."""
import csv
import io
import json
import os
import tempfile
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def summary_rows(everything):
    tests = []
    for results in everything:
        for test in results["tests"]:
            if test["test"] not in tests:
                tests.append(test["test"])
    named = any("student" in results for results in everything)  # hand-ins from an LMS's archive (lms_archive.py)
    rows = []
    for results in everything:
        by_test = {t["test"]: ("timeout" if t.get("kind") == "timeout" else t["status"]) for t in results["tests"]}
        regrade = results.get("regrade") or {}
        seeds = results.get("seeds") or [results.get("seed")]
        students = {"student": results.get("student", ""), "student_id": results.get("student_id", "")} if named else {}
        rows.append({"file": results["file"], **students, "status": results["status"],
                     "seed": " ".join(str(seed) for seed in seeds if seed is not None),
                     "passed": sum(1 for t in results["tests"] if t["status"] == "pass"),
                     "total": len(results["tests"]),
                     "score": results.get("score", 0), "max_score": results.get("max_score", 0),
                     **{name: by_test.get(name, "not run") for name in tests},
                     "differs_from_what_student_saw": bool(regrade.get("differences")),
                     "notes": "; ".join([*regrade.get("notes", []), *([results["message"]] if results.get("kind") == "refused" else [])])})
    return rows


def spreadsheet_cell(value):
    """A CSV cell no spreadsheet reads as a formula: text that starts with = + - @ tab or CR gets a ' first;
    lone surrogates (a file name that is not UTF-8) are written as escapes."""
    if not isinstance(value, str):
        return value
    value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def canvas_rows(everything, title):
    """Canvas's gradebook import (Grades > Import): Student, ID, SIS User ID, SIS Login ID, Section, then one
    column per assignment; a "Points Possible" row first. Canvas matches rows on ID, the user id its
    "Download Submissions" archive puts in each file's name; a column whose name has no "(id)" becomes a new
    assignment."""
    points = max((results.get("max_score", 0) for results in everything), default=0)
    rows = [{"Student": "Points Possible", "ID": "", "SIS User ID": "", "SIS Login ID": "", "Section": "", title: points}]
    for results in everything:
        rows.append({"Student": results.get("student", results["file"]), "ID": results.get("student_id", ""),
                     "SIS User ID": "", "SIS Login ID": "", "Section": "", title: _gradebook_score(results)})
    return rows


def _gradebook_score(results):
    """A hand-in's score for a gradebook; none for one `check` refused (not graded: over a limit, unreadable),
    which a gradebook import then leaves as it was instead of grading it 0."""
    return "" if results.get("kind") == "refused" else results.get("score", 0)


def moodle_rows(everything, title):
    """Moodle's grading worksheet (an assignment's "Upload grading worksheet"): Identifier ("Participant N",
    the id in the folder names of "Download all submissions"), Full name, Grade, Maximum Grade, Feedback
    comments."""
    points = max((results.get("max_score", 0) for results in everything), default=0)
    return [{"Identifier": f"Participant {results['student_id']}" if results.get("student_id") else "",
             "Full name": results.get("student", results["file"]), "Grade": _gradebook_score(results),
             "Maximum Grade": points,
             "Feedback comments": f"{title}: " + "; ".join(
                 f"{test['name']}: {'passed' if test['status'] == 'pass' else 'not passed'}" for test in results["tests"])
             if results["tests"] else f"{title}: not graded ({results.get('message') or results['status']})"}
            for results in everything]


LAYOUTS = {"tests": lambda everything, _title: summary_rows(everything), "canvas": canvas_rows, "moodle": moodle_rows}


def _step_score(results, slug):
    """A step's score in a track's summary; empty where it was not graded (not handed in, refused)."""
    step = results["steps"].get(slug)
    return "" if step is None or step.get("kind") in ("missing", "refused") else step.get("score", 0)


def _step_maxima(everything, steps):
    return {slug: max((results["steps"][slug].get("max_score", 0) for results in everything
                       if slug in results["steps"]), default=0) for slug, _label in steps}


def track_notes(results, steps):
    """What a track's summary says beside the scores: why a hand-in or a step was not graded, what an own-code
    step was built on (runner/judge/results.py), where a re-grade differs from what the student saw."""
    from runner.judge.results import built_on_sentence

    notes = [results["message"]] if results.get("kind") == "refused" else []
    for slug, _label in steps:
        step = results["steps"].get(slug) or {}
        if step.get("kind") in ("missing", "refused"):
            notes.append(f"{slug}: {step.get('message')}")
        if step.get("built_on"):
            notes.append(f"{slug}: {built_on_sentence(step['built_on'])}")
        if (step.get("regrade") or {}).get("differences"):
            notes.append(f"{slug}: differs from what the student saw")
    return notes


def track_rows(everything, steps, _title):
    """`check --track`, layout "tests": one row per hand-in: file (student, student_id), status, score, max_score,
    a column per step named by its slug (its score; empty where not graded), and the notes."""
    named = any("student" in results for results in everything)
    return [{"file": results["file"],
             **({"student": results.get("student", ""), "student_id": results.get("student_id", "")} if named else {}),
             "status": results["status"], "score": results["score"], "max_score": results["max_score"],
             **{slug: _step_score(results, slug) for slug, _label in steps},
             "notes": "; ".join(track_notes(results, steps))} for results in everything]


def track_canvas_rows(everything, steps, _title):
    """Canvas's gradebook import for a track: a column per step (a new assignment each, named by its label), the
    "Points Possible" row first; a step not graded is left empty, which the import leaves as it was."""
    maxima = _step_maxima(everything, steps)
    head = {"ID": "", "SIS User ID": "", "SIS Login ID": "", "Section": ""}
    return [{"Student": "Points Possible", **head, **{label: maxima[slug] for slug, label in steps}}] + [
        {"Student": results.get("student", results["file"]), **head, "ID": results.get("student_id", ""),
         **{label: _step_score(results, slug) for slug, label in steps}} for results in everything]


def track_moodle_rows(everything, steps, title):
    """Moodle's grading worksheet for a track: Identifier, Full name, a grade column per step, then Grade (the
    track's total), Maximum Grade and Feedback comments (each step's points, and the notes)."""
    maxima = _step_maxima(everything, steps)
    rows = []
    for results in everything:
        refused = results.get("kind") == "refused"
        feedback = [] if refused else [f"{label}: {_step_score(results, slug) or 0:g} of {maxima[slug]:g}"
                                       for slug, label in steps]
        rows.append({"Identifier": f"Participant {results['student_id']}" if results.get("student_id") else "",
                     "Full name": results.get("student", results["file"]),
                     **{label: _step_score(results, slug) for slug, label in steps},
                     "Grade": "" if refused else results["score"], "Maximum Grade": sum(maxima.values()),
                     "Feedback comments": f"{title}: " + "; ".join(feedback + track_notes(results, steps))})
    return rows


TRACK_LAYOUTS = {"tests": track_rows, "canvas": track_canvas_rows, "moodle": track_moodle_rows}


def write_summary(everything, path, layout="tests", title="Exercise", steps=None):
    """Write the summary in `layout`: "tests" (a column per test), "canvas" or "moodle" (their gradebook CSVs);
    with `steps` ([(slug, label)]), each results a student's whole track: a column per step instead."""
    rows = TRACK_LAYOUTS[layout](everything, steps, title) if steps is not None else LAYOUTS[layout](everything, title)
    if str(path).endswith(".json"):
        text = json.dumps(rows, indent=1)
    else:
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["file"])
        writer.writeheader()
        writer.writerows({key: spreadsheet_cell(value) for key, value in row.items()} for row in rows)
        text = out.getvalue()
    write_replacing(path, text)


def write_replacing(path, text):
    """Write `text` to a new file beside `path`, then rename it to `path`: whatever stood there (a file, or a
    symbolic link planted to make the grader overwrite what it points to) is replaced, never written through."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
