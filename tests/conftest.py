"""Shared fixtures: the exercise, and graders that grade each file once per session: the two sandboxed engines
a re-grade uses (CPython; Pyodide under Node with a CPython judge) and the in-process Pyodide engine the page
runs (judge and student in one Node process, trusted files only)."""
from pathlib import Path

import pytest

from helpers import ROOT, SEEDS
from runner.engines.node_engine import PyodideNodeEngine
from runner.engines.process_engine import CPythonEngine, PyodideEngine
from runner.judge.exercise import Exercise


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

