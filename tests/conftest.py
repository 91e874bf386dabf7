"""Shared fixtures: the exercise, and graders for both engines that grade each file once per session."""
from pathlib import Path

import pytest

from helpers import ROOT
from runner.engines import CPythonEngine, PyodideNodeEngine
from runner.harness.exercise import Exercise


@pytest.fixture(scope="session")
def exercise():
    return Exercise.load(ROOT / "exercise")


class CachingGrader:
    def __init__(self, engine):
        self.engine = engine
        self.cache = {}

    def grade_file(self, path):
        path = Path(path)
        if path not in self.cache:
            self.cache[path] = self.engine.grade(path.read_text(encoding="utf-8"))
        return self.cache[path]

    def grade_source(self, source):
        return self.engine.grade(source)


@pytest.fixture(scope="session")
def cpython_grader(exercise):
    return CachingGrader(CPythonEngine(exercise))


@pytest.fixture(scope="session")
def pyodide_grader(exercise):
    engine = PyodideNodeEngine(exercise)
    yield CachingGrader(engine)
    engine.close()


@pytest.fixture(scope="session", params=["cpython", "pyodide"])
def grader(request):
    return request.getfixturevalue(f"{request.param}_grader")

