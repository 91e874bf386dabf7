"""Grades one solution: runs the hidden tests with real pytest in this (judge) interpreter, against a
`solution` proxy whose calls run in a separate student interpreter. Works unchanged in CPython and Pyodide."""
import io
import os
import platform
import sys
import time
from pathlib import Path

from runner.judge import results as results_document
from runner.judge import seeding
from runner.judge.pytest_args import pytest_args
from runner.judge.pytest_session import run_pytest
from runner.judge.reporter import Reporter
from runner.judge.session import StudentSession, proxy_module


def grade(source, exercise, transport, *, engine, seed=None, on_event=None, extra_runtime=None, only=None,
          previous=None, run_seconds=None, modules=None):
    """Run the hidden tests against `source` (the text of solution.py); return the results dict.

    The tests draw their data from `seed` (runner/judge/seeding.py); None draws a fresh one.

    on_event(kind, payload) hears "collected" (the test names, in order) and each "result" as it comes.
    Tests that found no student interpreter ready are listed in results["starved_tests"] (Pyodide only);
    the engine runs them again with `only` (their names), `previous` (the results to complete) and
    `run_seconds` (what is left of the run's limit). `modules` ({name: source}) are the earlier steps' code
    solution.py may import; None: the references exercise.json names under "imports"."""
    import numpy
    import pytest

    started = time.perf_counter()
    if seed is None and previous is not None:  # the tests run again take the data of the run they complete
        seed = previous.get("seed")
    seed = seeding.fresh_seed() if seed is None else seeding.parse_seed(seed)
    limits = exercise.limits
    session = StudentSession(transport, source, call_seconds=float(limits["call_seconds"]),
                             packages=exercise.data.get("requirements", ()),
                             modules=exercise.import_sources() if modules is None else modules,
                             run_deadline=time.monotonic() + float(run_seconds if run_seconds is not None
                                                                   else limits["run_seconds"]))
    tests_dir = exercise.tests_dir
    # The track's modules the tests import go on the path for this run. The page's judge keeps them there: its
    # conftest.py is imported once, for every run (runner/judge/in_pyodide/pyodide_entry.py).
    support = exercise.test_support_dir
    added = support is not None and str(support) not in sys.path
    try:
        load_failure = session.load()
        _forget_modules(tests_dir, support)
        if added:
            sys.path.insert(0, str(support))
        sys.modules["solution"] = proxy_module(session, exercise.functions)
        reporter = Reporter(session, on_event, only)
        pytest_output = io.StringIO()
        saved = sys.stdout, sys.stderr, sys.dont_write_bytecode
        sys.stdout = sys.stderr = pytest_output
        # Pyodide's hidden tests sit in its in-memory /grader, never edited: caching their (assertion-rewritten)
        # bytecode there saves compiling them at every re-run. Never write into an instructor's folder.
        sys.dont_write_bytecode = engine != "pyodide"
        seeding.set_run_seed(seed)
        try:
            if engine == "pyodide":  # re-runs share one configuration; CPython keeps plain pytest.main
                exit_code = run_pytest(pytest_args(tests_dir), reporter)
            else:
                exit_code = pytest.main(pytest_args(tests_dir), plugins=[reporter])
        finally:
            sys.stdout, sys.stderr, sys.dont_write_bytecode = saved
            seeding.set_run_seed(None)
    finally:
        _forget_modules(tests_dir, support)
        if added:
            sys.path.remove(str(support))
        sys.modules.pop("solution", None)
        session.close()

    tests = reporter.results
    if previous is not None:
        rerun = {test["test"]: test for test in tests}
        tests = [rerun.get(test["test"], test) for test in previous["tests"]]
    if load_failure is not None:
        where = {key: value for key, value in (("line", load_failure.line), ("traceback", load_failure.traceback))
                 if value}
        results = results_document.error(load_failure.kind, load_failure.message, tests, seed=seed, **where)
    elif reporter.collection_errors or not tests or int(exit_code) in (2, 3, 4):
        detail = "\n".join(reporter.collection_errors) or pytest_output.getvalue()[-3000:]
        results = results_document.error("harness", f"the hidden tests could not be run (pytest exit code "
                                                    f"{int(exit_code)}): {detail}", tests, seed=seed)
    else:
        results = results_document.document(*results_document.verdict(tests), tests, seed=seed)
    results["exercise"] = {"id": exercise.id, "version": exercise.version}
    results["runtime"] = {"engine": engine, "python": platform.python_version(),
                          "numpy": numpy.__version__, "pytest": pytest.__version__, **(extra_runtime or {})}
    results["duration"] = max(0.0, round(time.perf_counter() - started, 4)) + (previous or {}).get("duration", 0)
    if reporter.starved:
        results["starved_tests"] = reporter.starved
    return results


def _forget_modules(*folders):
    """Drop the modules of the hidden tests (and conftest) and of their support so the next run imports them
    afresh."""
    # Plain string prefixes: resolving every loaded module's path took half of a re-run in Pyodide (issue 6).
    roots = tuple({str(form) + os.sep for folder in folders if folder is not None
                   for form in (Path(folder).absolute(), Path(folder).resolve())})
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if type(file) is str and file.startswith(roots):
            del sys.modules[name]
