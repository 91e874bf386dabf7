"""Shared fixtures: the exercise, and graders that grade each file once per session: the two sandboxed engines
a re-grade uses (CPython; Pyodide under Node with a CPython judge) and the in-process Pyodide engine the page
runs (judge and student in one Node process, trusted files only). And how pytest-xdist shares the tests out
(`./dev test` runs two workers with --dist loadgroup): a module's tests go to one worker together, a group for
each value of its module-scoped parameters (test_every_browser.py: one per browser), unless the module
shares a group with others (SHARED_GROUPS: the modules that grade through the caching graders below, whose
session fixtures are per worker, so that each file is graded once), or marks one itself (`xdist_group`)."""
from pathlib import Path

import pytest

from helpers import ROOT, SEEDS
from runner.engines.node_engine import PyodideNodeEngine
from runner.engines.process_engine import CPythonEngine, PyodideEngine
from runner.judge.exercise import Exercise


# The longest modules first, so that a worker never starts one near the end (./dev test's --durations shows
# where the time goes; a module not named here comes after these, in the usual order).
LONGEST_FIRST = ["tests/test_verdicts.py", "tests/browser/test_every_browser.py", "tests/browser/test_bench.py",
                 "tests/test_instructor.py", "tests/browser/test_page.py", "tests/test_sandbox_attacks.py",
                 "tests/browser/test_runs_and_history.py", "tests/browser/test_stop_in_place.py",
                 "tests/browser/test_static_site.py", "tests/browser/test_console.py", "tests/test_track_steps.py",
                 "tests/browser/test_adversarial.py", "tests/browser/test_driver_bounds.py",
                 "tests/test_sandbox_cli.py", "tests/test_track_check.py", "tests/test_gradescope_autograder.py"]


SHARED_GROUPS = {"tests/test_verdicts.py": "graded", "tests/test_messages.py": "graded", "tests/test_hints.py": "graded"}


def pytest_itemcollected(item):
    """Marks made as each test is collected, before `-m` selects: `browser` for tests/browser/, and the group."""
    module = item.nodeid.split("::")[0]
    if module.startswith("tests/browser/"):
        item.add_marker(pytest.mark.browser)
    if item.get_closest_marker("xdist_group") is None:
        item.add_marker(pytest.mark.xdist_group(SHARED_GROUPS.get(module) or _module_group(item)))


def pytest_collection_modifyitems(items):
    rank = {module: index for index, module in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable: order within a module kept


def _module_group(item):
    module = item.nodeid.split("::")[0]
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return module
    definitions = item._fixtureinfo.name2fixturedefs
    shared = [f"{name}={value}" for name, value in sorted(callspec.params.items())
              if name in definitions and definitions[name][-1].scope == "module"]
    # no "]" in a group's name: xdist reads a name ending in one as a parametrized test's id, not a group
    return f"{module}:{','.join(shared)}" if shared else module


@pytest.fixture(scope="session")
def exercise():
    return Exercise.load(ROOT / "exercise")


class CachingGrader:
    def __init__(self, engine):
        self.engine = engine
        self.cache = {}

    def grade_file(self, path, seed=SEEDS[0]):
        key = (Path(path), seed)
        if key not in self.cache:
            self.cache[key] = self.engine.grade(key[0].read_text(encoding="utf-8"), seed=seed)
        return self.cache[key]

    def grade_source(self, source, seed=None):
        return self.engine.grade(source, seed=seed)


@pytest.fixture(scope="session")
def cpython_grader(exercise):
    return CachingGrader(CPythonEngine(exercise))


@pytest.fixture(scope="session")
def pyodide_grader(exercise):
    engine = PyodideEngine(exercise)
    yield CachingGrader(engine)
    engine.close()


@pytest.fixture(scope="session")
def inprocess_grader(exercise):
    engine = PyodideNodeEngine(exercise)
    yield CachingGrader(engine)
    engine.close()


@pytest.fixture(scope="session", params=["cpython", "pyodide", "inprocess"])
def grader(request):
    return request.getfixturevalue(f"{request.param}_grader")

