"""`check`: grading hand-ins, behind the one function the command line (`python -m runner check`), Gradescope's
autograder and GitHub Classroom's step (through the command line) call. It reads the hand-ins (a refused one
gets an error result of its own), holds the gate of isolation (no grading where the isolation asked for cannot
start), loads the exercise with its private tests, checks its points and the seeds asked for, grades, writes
the summary, and says what the exit code is. It prints nothing: it returns the results, the document to print
and the messages for stderr, and tells its callbacks as it goes. With a summary (or `progress`) each result is
kept as its file finishes, and the same request after a stop goes on from there (resume.py); with `shard` it
grades one machine's share of the hand-ins (shards.py), which merge.py puts together with the others. With
`track` each hand-in is a student's whole track, each step graded with its own exercise (track_check.py).

Exit codes: 0 every file passed all tests; 1 at least one file did not; 2 bad input (a missing file, a
directory, a link, FIFO or device, a file too large, not UTF-8 or not Python: the other files are still graded;
bad points, private tests or seeds); 3 the isolation asked for cannot start here (no bubblewrap, user
namespaces disabled or restricted, not Linux; for `user`, folders open to other users); 130 stopped by Ctrl+C."""
from dataclasses import dataclass, field, replace
from pathlib import Path

from runner.grading.formats import document_for  # what --format prints (merge.py takes it from here too)
from runner.grading.terminal_text import safe_name, safe_text

RUNNER = Path(__file__).resolve().parents[1]
EXIT_PASS, EXIT_FAIL, EXIT_BAD_INPUT, EXIT_NO_SANDBOX, EXIT_STOPPED = 0, 1, 2, 3, 130
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
    shard: tuple | None = None  # (K, N): grade only share K of N (shards.py); "json" then prints a shard's document
    progress: str | None = None  # the folder results are kept in as they finish (resume.py); None: beside the summary
    track: str | None = None  # a track's manifest: each of `files` is a student's steps (track_check.py)


@dataclass
class CheckOutcome:
    exit_code: int
    results: list = field(default_factory=list)  # each file's results in order, a refused one's too; [] if none graded
    document: object = None  # what to print on stdout as JSON (request.format); None: nothing
    messages: list = field(default_factory=list)  # lines for stderr ("error: ...", "warning: ..."), in order


def check(request, *, on_message=None, on_graded=None):
    """Grade `request` (a CheckRequest); the CheckOutcome. on_message(line) hears each message as it arises,
    on_graded(results, done, total) each file's results as they are ready, in order. Ctrl+C stops it with
    EXIT_STOPPED and a line saying how far it got; what finished is kept (resume.py)."""
    from runner.grading.bulk import Stopped

    outcome = CheckOutcome(EXIT_BAD_INPUT)
    tally = {"done": 0, "total": None, "folder": None}

    def say(line):
        outcome.messages.append(line)
        if on_message:
            on_message(line)

    try:
        if request.track is not None:
            return _check_track(request, outcome, say, on_graded, tally)
        return _check(request, outcome, say, on_graded, tally)
    except (Stopped, KeyboardInterrupt):  # KeyboardInterrupt: before grading, or outside the main thread
        outcome.exit_code, outcome.results, outcome.document = EXIT_STOPPED, [], None
        say(_stopped_line(**tally))
        return outcome


def _stopped_line(done, total, folder, step=None):
    if total is None:
        return "stopped (Ctrl+C) before grading began: run the same command again"
    at, later = (f" at {step}", " and the later steps") if step else ("", "")
    if folder is None:
        return (f"stopped (Ctrl+C): {done} of {total} hand-ins graded{at}, none kept (give --summary FILE or "
                "--progress DIR to keep them): run the command again to grade them all")
    return (f"stopped (Ctrl+C): {done} of {total} hand-ins graded{at}, kept in {safe_name(str(folder))}: run the "
            f"same command again to grade the other {total - done}{later}")


def _check(request, outcome, say, on_graded, tally):
    from runner.grading.handin_files import Refused
    from runner.grading.lms_archive import hand_ins
    from runner.grading.shards import batch_identity, exercise_identity, grading_identity, shard_document, shard_of
    from runner.judge import results as results_document

    entries = list(hand_ins(request.files))  # in order: (path, source, submission, student) or (path, Refused, ...)
    names = [entry[0] for entry in entries]
    positions = [index for index in range(len(entries))
                 if request.shard is None or shard_of(names[index], request.shard[1]) == request.shard[0]]
    refused, to_grade = {}, []
    for index in positions:
        path, reason, _submission, student = entries[index]
        if isinstance(reason, Refused):
            say(f"error: {safe_name(path)}: {reason}")
            refused[index] = results_document.error("refused", f"not graded: {reason}", file=str(path), **student)
        else:
            to_grade.append(index)
    if not to_grade and request.shard is None:  # a shard with nothing to grade still says so, for merge
        return outcome
    prepared = _gate(request, say) or _load(request, say)  # the exercise, and its private tests' copy
    if isinstance(prepared, int):
        outcome.exit_code = prepared
        return outcome
    exercise, keep = prepared
    try:
        exercise_id, grading = exercise_identity(exercise), grading_identity(request)
        graded = _grade(request, exercise, [exercise_id, grading], [entries[i][:3] for i in to_grade], say,
                        on_graded, tally)
    finally:
        if keep is not None:  # the private tests' temporary copy (private_tests.py)
            keep.cleanup()
    if isinstance(graded, int):
        outcome.exit_code = graded
        return outcome
    graded, progress = graded
    by_position = {**refused, **{i: {**results, **entries[i][3]} for i, results in zip(to_grade, graded)}}
    outcome.results = [by_position[index] for index in positions]
    if request.shard and request.format == "json":
        outcome.document = shard_document(*request.shard, exercise_id, grading, batch_identity(grading, names),
                                          len(entries), [(i, by_position[i]) for i in positions])
    else:
        outcome.document = document_for(request.format, outcome.results)
    return _conclude(request, outcome, exercise.data["title"], [progress])


class _NotGraded(Exception):
    """A track's step cannot be graded (its exit code in args[0]), having said why."""


def _check_track(request, outcome, say, on_graded, tally):
    """check --track: each hand-in a student's steps (track_handin.py), the steps graded in the track's order,
    each as _grade grades one exercise's hand-ins (track_check.py); the results, documents and summary per hand-in."""
    from runner.grading.shards import exercise_identity, grading_identity
    from runner.grading.track_check import grade_track, open_track, step_labels

    track, hand_ins = open_track(request, say)
    if track is None or all(hand_in.refused for hand_in in hand_ins):
        return outcome
    exercises, keeps, kept = {}, [], []

    def grade_step(step, inputs):
        tally["step"] = f"step {step.number} of {len(track.steps)} ({step.slug})"
        graded = _grade(request, exercises[step.slug], [exercise_identity(exercises[step.slug]),
                                                        grading_identity(request)], inputs, say, None, tally)
        if isinstance(graded, int):
            raise _NotGraded(graded)
        kept.append(graded[1])
        return graded[0]

    try:
        if (gate := _gate(request, say)) is not None:
            raise _NotGraded(gate)
        for step in track.steps:  # every step's exercise sound before any is graded
            prepared = _load(replace(request, exercise=str(step.exercise.directory)), say, step.exercise)
            if isinstance(prepared, int):
                raise _NotGraded(prepared)
            exercises[step.slug] = prepared[0]
            keeps.append(prepared[1])
        outcome.results = grade_track(track, hand_ins, grade_step, say)
    except _NotGraded as error:
        outcome.exit_code = error.args[0]
        return outcome
    finally:
        for keep in filter(None, keeps):
            keep.cleanup()
    for done, results in enumerate(outcome.results if on_graded else (), 1):
        on_graded(results, done, len(outcome.results))
    labels = step_labels(track)
    outcome.document = document_for(request.format, outcome.results, labels)
    return _conclude(request, outcome, track.title, kept, labels)


def _conclude(request, outcome, title, kept, steps=None):
    """Once every hand-in is graded: the summary written, the exit code, the results kept removed (resume.py)."""
    if request.summary:
        from runner.grading.summary import write_summary

        write_summary(outcome.results, request.summary, request.summary_layout, title, steps=steps)
    outcome.exit_code = exit_code_of(outcome.results)
    for progress in filter(None, kept):
        progress.finish()
    return outcome


def _grade(request, exercise, grading, inputs, say, on_graded, tally):
    """(each input's results in order, the Progress they were kept in or None): those kept by an earlier run
    that stopped taken from there, the others graded and kept as each finishes; or an exit code."""
    from runner.grading.bulk import grade_files
    from runner.grading.resume import Progress, ProgressError, folder_for, stop_on_interrupt
    from runner.grading.shards import hand_in_identities

    folder = folder_for(request.summary, request.progress)
    try:
        progress = Progress(folder, grading) if folder is not None else None
    except ProgressError as error:
        say(f"error: {error}")
        return EXIT_BAD_INPUT
    # A track's own-code step imports the student's earlier steps: what it is graded on is theirs too.
    identities = hand_in_identities([item[:3] if len(item) == 3 or item[3] is None else
                                     (item[0], item[1], [item[2], item[3]]) for item in inputs])
    graded = {}
    for index, (item, identity) in enumerate(zip(inputs, identities) if progress else ()):
        results, warning = progress.load(identity, item[0])
        if warning:
            say(warning)
        if results is not None:
            graded[index] = results
    pending = [index for index in range(len(inputs)) if index not in graded]
    if graded:
        say(f"note: {tally['step'] + ': ' if tally.get('step') else ''}{len(graded)} of {len(inputs)} hand-ins were "
            "graded by a run that stopped (kept in "
            f"{safe_name(str(folder))}): grading the other {len(pending)}")
    tally.update(done=len(graded), total=len(inputs), folder=folder)
    heard = []

    def finished(index, results):
        if progress is not None:
            progress.save(identities[pending[index]], results)
        graded[pending[index]] = results
        tally["done"] += 1

    def in_order(results):
        heard.append(results)
        if on_graded:
            on_graded(results, len(inputs) - len(pending) + len(heard), len(inputs))

    with stop_on_interrupt() as stop:
        grade_files(exercise, request.engine, [inputs[index] for index in pending], jobs=request.jobs,
                    isolation=request.isolation, seeds=list(request.seeds) or None, seed_count=request.seed_count,
                    on_finished=finished, on_done=in_order, stop=stop)
    return [graded[index] for index in range(len(inputs))], progress


def exit_code_of(everything):
    """EXIT_BAD_INPUT when a hand-in (or a step of a track's) was refused, else EXIT_PASS when every one passed,
    else EXIT_FAIL."""
    if any(results.get("kind") == "refused" for each in everything
           for results in (each, *each.get("steps", {}).values())):
        return EXIT_BAD_INPUT
    return EXIT_PASS if all(results["status"] == "pass" for results in everything) else EXIT_FAIL


def _gate(request, say):
    """None once the isolation asked for can start here (or, for none, the warning said); else the exit code."""
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
    return None


def _load(request, say, exercise=None):
    """(the exercise to grade with, the temporary folder its private tests are in or None) once the request is
    sound for `exercise` (default: request.exercise, loaded); else the exit code, having said why."""
    from runner.grading.private_tests import NoPrivateTests, with_private_tests
    from runner.judge.exercise import Exercise, ExerciseError

    try:
        exercise, keep = with_private_tests(exercise if exercise is not None else Exercise.load(request.exercise),
                                            request.private_tests)
    except (NoPrivateTests, ExerciseError) as error:
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
        # The student sees the file system as any user does: the whole checkout, the tests wherever they are, every
        # input and the summary's folder must be closed to other users (runner/grading/must_be_closed.py).
        from runner.grading.must_be_closed import paths_for
        from runner.isolation.unprivileged import IsolationUnavailable, ensure_closed

        try:
            ensure_closed(paths_for(RUNNER.parent, request, exercise))
        except IsolationUnavailable as error:
            return f"error: --isolation user: {safe_text(str(error))}", EXIT_NO_SANDBOX  # it names paths
    if request.seed_count < 1 or (request.seeds and request.seed_count != 1):
        return "error: --seeds takes a count of at least 1, and not together with --seed", EXIT_BAD_INPUT
    return None, None
