"""Combining one file's gradings on several seeds (runner/grading/seeds.py): a test passes only if it passes on every
seed, and one that did not keeps the failure and the seed it failed on (issue 26)."""
import pytest

from runner.judge.seeding import SEED_LIMIT, parse_seed
from runner.grading.seeds import combine, parse_seed_list


def run(seed, *statuses, status=None):
    tests = [{"name": f"t{i}", "test": f"test_{i}", "status": s, "message": f"{s} on {seed}"}
             for i, s in enumerate(statuses)]
    overall = status or ("pass" if all(s == "pass" for s in statuses) else "fail")
    return {"version": 3, "status": overall, "message": "", "seed": seed, "tests": tests, "duration": 1.0}


def test_a_test_that_fails_on_one_seed_fails_with_that_seed():
    combined = combine([run(1, "pass", "pass"), run(2, "pass", "fail"), run(3, "fail", "fail")])
    assert combined["status"] == "fail" and combined["message"] == "0 of 2 tests passed on all 3 seeds"
    assert [(t["status"], t["seed"], t["message"]) for t in combined["tests"]] == \
           [("fail", 3, "fail on 3"), ("fail", 2, "fail on 2")]
    assert combined["seed"] == 1 and combined["duration"] == 3.0


def test_passing_on_every_seed_passes():
    combined = combine([run(1, "pass"), run(2, "pass")])
    assert combined["status"] == "pass" and "seed" not in combined["tests"][0]


def test_a_run_that_could_not_grade_is_the_result():
    broken = run(2, "error", status="error")
    assert combine([run(1, "pass"), broken])["status"] == "error"


def test_a_test_missing_on_one_seed_does_not_pass():
    short = run(2)
    combined = combine([run(1, "pass"), short])
    assert combined["tests"][0]["status"] == "error" and combined["tests"][0]["seed"] == 2


@pytest.mark.parametrize("text", ["-1", str(SEED_LIMIT), "1.5", "", "0x10", True, "1e3"])
def test_a_seed_is_a_whole_number_javascript_holds_exactly(text):
    with pytest.raises(ValueError):
        parse_seed(text)


def test_seed_lists():
    assert parse_seed_list("12,34") == [12, 34] and parse_seed(str(SEED_LIMIT - 1)) == SEED_LIMIT - 1
