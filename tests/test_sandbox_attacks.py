"""Hand-ins written to attack the re-grade (tests/attacks/), graded in bulk with `python -m runner check` on a
copy of the repository, in both engines: no attack passes a test or leaves a trace on the grading machine,
and the honest file graded after each still gets its own verdict (issue 20)."""
import csv
import json

import pytest

from grading_machine import ATTACKS, GradingMachine, leftover_processes, settle
from helpers import ROOT, assert_valid_results
from runner.authoring.solutions import verdict_problems


@pytest.fixture(scope="module", params=["cpython", "pyodide"])
def bulk_run(request, tmp_path_factory):
    machine = GradingMachine(tmp_path_factory.mktemp(f"grading-{request.param}"))
    done = machine.check("--engine", request.param)
    settle()
    yield machine, done
    machine.close()


def _results(bulk_run):
    machine, done = bulk_run
    assert done.returncode == 1, done.stderr[-3000:]
    return {results["file"]: results for results in json.loads(done.stdout)}


def test_there_are_at_least_ten_attacks():
    assert len(ATTACKS) >= 10


def test_no_attack_passes_a_test(bulk_run):
    machine, _ = bulk_run
    results = _results(bulk_run)
    for path in machine.files:
        if "_z_honest_" in path.name or path.name == "zz_reference.py":
            continue
        graded = results[str(path)]
        assert_valid_results(graded)
        assert graded["runtime"]["sandbox"].startswith("bubblewrap "), graded["runtime"]
        passing = [t["test"] for t in graded["tests"] if t["status"] == "pass"]
        assert graded["status"] != "pass" and not passing, f"{path.name}: {passing}"


def test_every_honest_file_after_an_attack_gets_its_own_verdict(bulk_run):
    machine, _ = bulk_run
    results = _results(bulk_run)
    for path in machine.files:
        if "_z_honest_" in path.name:
            assert verdict_problems(path, results[str(path)]) == [], path.name
    assert results[str(machine.files[-1])]["status"] == "pass"


def test_no_trace_is_left_on_the_grading_machine(bulk_run):
    machine, _ = bulk_run
    assert machine.traces() == []
    assert machine.digest(machine.repo / "hidden_tests") == machine.hidden_tests
    assert machine.digest(machine.repo / "exercise") == machine.digest(ROOT / "exercise")
    assert machine.listener.connections == 0
    assert leftover_processes() == []


def test_the_summary_is_what_the_grader_wrote(bulk_run):
    machine, _ = bulk_run
    results = _results(bulk_run)
    with open(machine.summary, newline="") as summary:
        rows = list(csv.DictReader(summary))
    assert [row["file"] for row in rows] == [str(path) for path in machine.files]
    assert [row["status"] for row in rows] == [results[str(path)]["status"] for path in machine.files]
    assert machine.mark not in machine.summary.read_text()
