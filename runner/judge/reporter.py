"""A pytest plugin that turns a run of the hidden tests into per-test results: the `tests` of the results
document (runner/judge/results.py builds the document)."""
import inspect
import os
import time

import pytest

from runner.judge.errors import StudentError, StudentStarved
from runner.judge.replay import replay_of


def display_name(function):
    """The name a student sees: the first line of the test's docstring (the function name otherwise)."""
    doc = inspect.getdoc(function) or ""
    first = doc.strip().splitlines()[0].strip() if doc.strip() else ""
    return first or function.__name__


def hint_of(function):
    """A short hint from a docstring line that starts with 'Hint:', shown when the test fails and its failure
    carries no hint of its own."""
    for line in (inspect.getdoc(function) or "").splitlines():
        if line.strip().lower().startswith("hint:"):
            return line.strip()[5:].strip()
    return None


class Reporter:
    def __init__(self, session, on_event=None, only=None):
        self.session = session
        self.on_event = on_event
        self.only = None if only is None else set(only)
        self.results = []
        self.starved = []  # tests that found no student interpreter ready (see StudentStarved)
        self.collection_errors = []
        self._started = {}
        self._error = {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.session.take_output()  # output of an earlier test's teardown is not this test's
        self.session.take_inputs()
        self._started[item.nodeid] = time.perf_counter()
        yield
        self._finish(item)

    def pytest_runtest_logreport(self, report):
        if report.failed and report.nodeid not in self._error:
            self._error[report.nodeid] = report

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if call.excinfo is not None and report.failed:
            report.student_exception = call.excinfo.value

    def pytest_collection_modifyitems(self, items):
        if self.only is not None:
            items[:] = [item for item in items if item.name in self.only]

    def pytest_collection_finish(self, session):
        if self.on_event is not None:
            self.on_event("collected", [{"name": display_name(item.function) if hasattr(item, "function")
                                         else item.name, "test": item.name} for item in session.items])

    def pytest_collectreport(self, report):
        if report.failed:
            self.collection_errors.append(str(report.longrepr)[-3000:])

    def _finish(self, item):
        function = getattr(item, "function", None)
        result = {
            "name": display_name(function) if function else item.name,
            "test": item.name,
            "status": "pass",
            "message": None,
            "output": self.session.take_output() or None,
            "test_code": _source(function),
            "inputs": self.session.take_inputs(),
            # max(): in Pyodide the clock is JavaScript's, which student code may have replaced
            "duration": max(0.0, round(time.perf_counter() - self._started.pop(item.nodeid), 4)),
        }
        report = self._error.pop(item.nodeid, None)
        if report is not None and isinstance(getattr(report, "student_exception", None), StudentStarved):
            # A placeholder, not announced: the engine runs this test again once a fresh interpreter is ready.
            self.starved.append(item.name)
            result.update(status="error", kind="crash", message="not run: the Python interpreter crashed in an "
                          "earlier test and no fresh one could be started")
            self.results.append(result)
            return
        if report is not None:
            result.update(_failure(report))
            replay = replay_of(getattr(report, "student_exception", None)) if result["status"] == "fail" else None
            if replay is not None:
                result["replay"] = replay
            # A hint the failure carries (the hidden tests' conftest.py may choose one by what went wrong)
            # comes before the test's own `Hint:` line.
            hint = getattr(getattr(report, "student_exception", None), "hint", None)
            hint = hint if isinstance(hint, str) and hint else (hint_of(function) if function else None)
            if hint and result.get("kind") not in ("timeout", "crash", "import", "not_implemented", "missing"):
                result["hint"] = hint
        self.results.append(result)
        if self.on_event is not None:
            self.on_event("result", result)


_sources = {}


def _source(function):
    """The test's source. Kept per file version: re-runs import the same tests again, and tokenizing them
    for inspect.getsource was a tenth of a passing re-run in Pyodide (issue 6)."""
    try:
        code = function.__code__
        stat = os.stat(code.co_filename)
        key = (code.co_filename, stat.st_mtime_ns, stat.st_size, code.co_firstlineno, code.co_qualname)
        if key not in _sources:
            _sources[key] = inspect.getsource(function)
        return _sources[key]
    except (OSError, TypeError, AttributeError):
        return None


def _failure(report):
    error = getattr(report, "student_exception", None)
    if isinstance(error, StudentError):
        failure = {"status": "error", "kind": error.kind, "message": error.message}
        if error.traceback:
            failure["traceback"] = error.traceback
        if error.line:
            failure["line"] = error.line
        return failure
    if isinstance(error, AssertionError):
        message = str(error).split("\nassert ")[0].strip() or _crash_message(report)
        return {"status": "fail", "kind": "assertion", "message": message}
    if error is not None:
        return {"status": "fail", "kind": "check",
                "message": f"the test could not check the result: {type(error).__name__}: {error}"}
    return {"status": "error", "kind": "harness", "message": _crash_message(report)}


def _crash_message(report):
    crash = getattr(report.longrepr, "reprcrash", None)
    return crash.message if crash is not None else str(report.longrepr)[-2000:]
