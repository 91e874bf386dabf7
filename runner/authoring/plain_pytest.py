"""For an instructor's plain `pytest hidden_tests`: provide `solution` (from $SOLUTION or the reference),
running in a separate CPython process exactly as the graders run it. The graders install their own
`solution` first; then this does nothing."""
import atexit
import os
import sys
from pathlib import Path

from runner.judge.exercise import Exercise


def find_exercise(tests_dir):
    """The exercise whose metadata names `tests_dir` as its hidden tests (default: ../exercise)."""
    tests_dir = Path(tests_dir).resolve()
    for candidate in [tests_dir.parent / "exercise", *tests_dir.parent.iterdir()]:
        if (candidate / "exercise.json").is_file():
            exercise = Exercise.load(candidate)
            if exercise.tests_dir == tests_dir:
                return exercise
    raise RuntimeError(f"no exercise.json next to {tests_dir} names it as its hidden tests")


def use_solution_for_tests(tests_dir):
    if "solution" in sys.modules:
        return
    from runner.judge.session import StudentSession, proxy_module
    from runner.engines.transport_process import ProcessTransport
    from runner.engines.student_process import cpython

    exercise = find_exercise(tests_dir)
    if exercise.test_support_dir is not None:  # the judge puts it on its path; so does a plain pytest run
        sys.path.insert(0, str(exercise.test_support_dir))
    path = Path(os.environ.get("SOLUTION") or exercise.path("reference"))
    session = StudentSession(ProcessTransport(cpython(isolation="none")), path.read_text(encoding="utf-8"),
                             call_seconds=float(exercise.limits["call_seconds"]), modules=exercise.import_sources())
    failure = session.load()
    if failure is not None:
        print(f"{path}: {failure.message}", file=sys.stderr)
    sys.modules["solution"] = proxy_module(session, exercise.functions)
    atexit.register(session.close)
