"""What Gradescope's run_autograder runs for each submission (issue 30): grade the upload in /autograder/submission
with `check` (runner/grading/check.py, in Gradescope's format) and write /autograder/results/results.json, always,
with a clear result when the upload is missing or is not what the exercise takes.

Spec: https://gradescope-autograders.readthedocs.io/en/latest/specs/ (run as root; the upload in
/autograder/submission, the autograder's files in /autograder/source, results.json in /autograder/results).
Before grading, what the student's code must not read or change is closed to other users. The student runs
in the bubblewrap sandbox where the container allows its namespaces, else as an unprivileged user of its own
(runner/isolation/unprivileged.py), which is proved unable to read the tests or write the results first. Each
result says which.
"""
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path("/autograder")
SOURCE = ROOT / "source"
SUBMISSION = ROOT / "submission"
RESULTS = ROOT / "results"
METADATA = ROOT / "submission_metadata.json"
HAND_IN_NAME = "solution.py"
MAX_LISTED = 10


def main():
    try:
        document = grade()
    except Exception as error:  # whatever happens, Gradescope gets a result that says so, never none
        document = failure(f"The autograder failed ({type(error).__name__}: {str(error)[:300]}); your code was not "
                           "graded. Tell your instructor.")
    write_results(document)
    return 0


def grade():
    close_to_students()
    upload = find_upload(SUBMISSION)
    if isinstance(upload, str):
        return failure(upload)
    isolation, why_not_sandbox = choose_isolation()
    if isinstance(isolation, Exception):
        return failure(f"The autograder cannot isolate your code on this machine, so it was not graded: {isolation}")
    from runner.grading.check import CheckRequest, check

    outcome = check(CheckRequest(files=(str(upload),), exercise=str(SOURCE / "exercise"), isolation=isolation,
                                 format="gradescope"))
    messages = "\n".join(outcome.messages)
    if messages:
        print(messages, file=sys.stderr)  # Gradescope's log, for the instructor
    if outcome.document is None:
        return failure(f"Your code was not graded: {messages.strip()[-500:] or 'the grader wrote nothing'}")
    document = outcome.document
    how = ("in a bubblewrap sandbox" if isolation == "sandbox"
           else f"as an unprivileged user of its own: this machine has no sandbox ({why_not_sandbox})")
    document["output"] = f"{document.get('output', '')}\n\nYour code ran {how}.".lstrip()
    return document


def close_to_students():
    """The autograder's files, the upload and the results: readable and writable by root only."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    for folder in (SOURCE, SUBMISSION, RESULTS):
        if folder.is_dir():
            folder.chmod(0o700)
    if METADATA.is_file():  # the students' names and e-mail addresses
        METADATA.chmod(0o600)


def find_upload(folder):
    """The file to grade: solution.py, else the page's submission file, else the only .py file; or a message
    saying what was uploaded and what the exercise takes."""
    files = sorted(path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()) if folder.is_dir() else []
    for choose in (lambda path: path.name == HAND_IN_NAME, lambda path: path.name.endswith("submission.json"),
                   lambda path: path.suffix == ".py"):
        chosen = [path for path in files if choose(path)]
        if len(chosen) == 1:
            return chosen[0]
        if len(chosen) > 1:
            return (f"Upload one solution: these files could each be it: {listing(chosen, folder)}. Upload only "
                    f"{HAND_IN_NAME}, or only the submission file the exercise page downloads.")
    found = f"Your upload has {listing(files, folder)}." if files else "Your upload is empty."
    return (f"No {HAND_IN_NAME} was found, so nothing was graded. {found} Upload {HAND_IN_NAME}, or the submission "
            "file the exercise page downloads (its name ends in submission.json).")


def listing(paths, folder):
    from runner.grading.terminal_text import safe_name

    names = [safe_name(path.relative_to(folder))[:80] for path in paths[:MAX_LISTED]]
    more = f" and {len(paths) - MAX_LISTED} more" if len(paths) > MAX_LISTED else ""
    return ", ".join(names) + more


def choose_isolation():
    """("sandbox", None) where bubblewrap starts; ("user", why the sandbox did not) where only the unprivileged
    user's isolation is possible, once the closed folders are proved closed; (error, None) where neither is.
    GRADER_ISOLATION=user skips the sandbox (an instructor's choice, and the tests')."""
    from runner.isolation import sandbox, unprivileged

    reason = "GRADER_ISOLATION=user"
    if os.environ.get("GRADER_ISOLATION") != "user":
        try:
            sandbox.ensure_available()
            return "sandbox", None
        except sandbox.SandboxUnavailable as error:
            reason = str(error)
    try:
        unprivileged.ensure_available()
        unprivileged.ensure_closed([SOURCE, SUBMISSION, RESULTS, *([METADATA] if METADATA.exists() else [])])
    except unprivileged.IsolationUnavailable as error:
        return error, None
    return "user", reason


def failure(message):
    """A result with no score, whose message says why."""
    return {"score": 0, "output": message, "visibility": "visible", "stdout_visibility": "hidden", "tests": []}


def write_results(document):
    RESULTS.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=RESULTS, prefix=".results-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=1)
    os.chmod(temporary, 0o644)
    os.replace(temporary, RESULTS / "results.json")


if __name__ == "__main__":
    sys.exit(main())
