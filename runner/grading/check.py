"""`check`: grading hand-ins, behind the one function the command line (`python -m runner check`), Gradescope's
autograder and GitHub Classroom's step (through the command line) call. It reads the hand-ins (a refused one
gets an error result of its own), holds the gate of isolation (no grading where the isolation asked for cannot
start), loads the exercise with its private tests, checks its points and the seeds asked for, grades, writes
the summary, and says what the exit code is. It prints nothing: it returns the results, the document to print
and the messages for stderr, and tells its callbacks as it goes.

Exit codes: 0 every file passed all tests; 1 at least one file did not; 2 bad input (a missing file, a
directory, a link, FIFO or device, a file too large, not UTF-8 or not Python: the other files are still graded;
bad points, private tests or seeds); 3 the isolation asked for cannot start here (no bubblewrap, user
namespaces disabled or restricted, not Linux; for `user`, folders open to other users)."""
from dataclasses import dataclass, field
from pathlib import Path

RUNNER = Path(__file__).resolve().parents[1]
EXIT_PASS, EXIT_FAIL, EXIT_BAD_INPUT, EXIT_NO_SANDBOX = 0, 1, 2, 3
NO_SANDBOX_WARNING = ("warning: --no-sandbox: solutions run with your rights and can read, change or forge anything "
                      "you can; grade only files you trust this way")


@dataclass(frozen=True)
class CheckRequest:
    files: tuple  # what to grade: .py files, submission .json files, an LMS's .zip or a folder of hand-ins
    exercise: str = str(RUNNER.parent / "exercise")  # the exercise folder
    engine: str = "cpython"  # or "pyodide"
    isolation: str = "sandbox"  # "sandbox" (bubblewrap), "user" (an unprivileged uid) or "none" (trusted files)
    jobs: int = 0  # files graded at once; 0: one per core
    seeds: tuple = ()  # the seeds to grade on, reproducing a grading; none: fresh secret ones
    seed_count: int = 1  # fresh seeds per file; a test passes only if it passes on all
    private_tests: str | None = None  # their folder; None: exercise.json's
    format: str | None = None  # the document to print: "json" (the results), a platform's (formats/), or None
    summary: str | None = None  # a .csv or .json file to write one row per file to
    summary_layout: str = "tests"  # or "canvas", "moodle" (summary.py)


@dataclass
class CheckOutcome:
    exit_code: int
    results: list = field(default_factory=list)  # each file's results in order, a refused one's too; [] if none graded
    document: object = None  # what to print on stdout as JSON (request.format); None: nothing
    messages: list = field(default_factory=list)  # lines for stderr ("error: ...", "warning: ..."), in order


def check(request, *, on_message=None, on_graded=None):
    """Grade `request` (a CheckRequest); the CheckOutcome. on_message(line) hears each message as it arises,
    on_graded(results, done, total) each file's results as they are ready, in order."""
    from runner.grading.bulk import grade_files
    from runner.grading.handin_files import Refused
    from runner.grading.lms_archive import hand_ins
    from runner.grading.terminal_text import safe_name
    from runner.judge import results as results_document

    outcome = CheckOutcome(EXIT_BAD_INPUT)

    def say(line):
        outcome.messages.append(line)
        if on_message:
            on_message(line)

    entries = list(hand_ins(request.files))  # in order: (path, source, submission, student) or (path, Refused, ...)
    inputs = [entry[:3] for entry in entries if not isinstance(entry[1], Refused)]
    refused = {}
    for index, (path, reason, _submission, student) in enumerate(entries):
        if isinstance(reason, Refused):
            say(f"error: {safe_name(path)}: {reason}")
            refused[index] = results_document.error("refused", f"not graded: {reason}", file=str(path), **student)
    if not inputs:
        return outcome
    prepared = _prepare(request, say)
    if isinstance(prepared, int):
        outcome.exit_code = prepared
        return outcome
    exercise, keep = prepared
    done = []

    def heard(results):
        done.append(results)
        if on_graded:
            on_graded(results, len(done), len(inputs))

    try:
        graded = iter(grade_files(exercise, request.engine, inputs, jobs=request.jobs, isolation=request.isolation,
                                  seeds=list(request.seeds) or None, seed_count=request.seed_count, on_done=heard))
    finally:
        if keep is not None:  # the private tests' temporary copy (private_tests.py)
            keep.cleanup()
    outcome.results = [refused[index] if index in refused else {**next(graded), **entries[index][3]}
                       for index in range(len(entries))]
    outcome.document = _document(request.format, outcome.results)
    if request.summary:
        from runner.grading.summary import write_summary

        write_summary(outcome.results, request.summary, request.summary_layout, exercise.data["title"])
    if refused:
        outcome.exit_code = EXIT_BAD_INPUT
    else:
        outcome.exit_code = EXIT_PASS if all(r["status"] == "pass" for r in outcome.results) else EXIT_FAIL
    return outcome


def _prepare(request, say):
    """(the exercise to grade with, the temporary folder its private tests are in or None) once the isolation is
    ready and the request is sound; else the exit code, having said why."""
    from runner.grading.private_tests import NoPrivateTests, with_private_tests
    from runner.judge.exercise import Exercise

    if request.isolation != "none":
        from runner.isolation.sandbox import SandboxUnavailable, ensure_available
        from runner.isolation.unprivileged import IsolationUnavailable, ensure_available as ensure_user_available

        try:
            ensure_available() if request.isolation == "sandbox" else ensure_user_available(request.engine)
        except (SandboxUnavailable, IsolationUnavailable) as error:
            say(f"error: {error}")
            return EXIT_NO_SANDBOX
    else:
        say(NO_SANDBOX_WARNING)
    try:
        exercise, keep = with_private_tests(Exercise.load(request.exercise), request.private_tests)
    except NoPrivateTests as error:
        say(f"error: {error}")
        return EXIT_BAD_INPUT
    problem, exit_code = _unsound(request, exercise)
    if problem is not None:
        if keep is not None:
            keep.cleanup()
        say(problem)
        return exit_code
    return exercise, keep


def _unsound(request, exercise):
    """(what is wrong with grading `exercise` as `request` asks, its exit code), or (None, None)."""
    from runner.grading.points import PointsError, points_table

    try:
        points_table(exercise)
    except PointsError as error:
        return f"error: {error}", EXIT_BAD_INPUT
    if request.isolation == "user":
        # The student sees the file system as any user does: the grader, the exercise (its reference solution)
        # and the tests must be closed to other users (runner/isolation/unprivileged.py).
        from runner.isolation.unprivileged import IsolationUnavailable, ensure_closed

        try:
            ensure_closed([RUNNER, exercise.directory, exercise.tests_dir])
        except IsolationUnavailable as error:
            return f"error: --isolation user: {error}", EXIT_NO_SANDBOX
    if request.seed_count < 1 or (request.seeds and request.seed_count != 1):
        return "error: --seeds takes a count of at least 1, and not together with --seed", EXIT_BAD_INPUT
    return None, None


def _document(format, everything):
    """What `format` prints for these results: the results themselves ("json"), a platform's document, or None."""
    if format == "json":
        return everything
    if format:
        from runner.grading.formats import render

        return render(format, everything)
    return None
