"""Hints chosen by what the check found (issue 22): hidden_tests/hints.py names each cause, every shipped
wrong solution declares what its hint must mention, and the causes are told apart on plain arrays."""
import sys

import numpy as np
import pytest

from helpers import ROOT
from runner.judge.exercise import Exercise
from runner.authoring.solutions import declared_hints, declared_verdict, failed_tests, wrong_solutions

sys.path.insert(0, str(ROOT / "hidden_tests"))
import expect  # noqa: E402  (the hidden tests' own helpers, as the judge imports them)
import hints  # noqa: E402

EXERCISE = Exercise.load(ROOT / "exercise")


@pytest.mark.parametrize("path", wrong_solutions(EXERCISE), ids=lambda p: p.name)
def test_every_wrong_solution_declares_the_hint_of_each_test_it_fails(cpython_grader, path):
    _, failures = declared_verdict(path)
    assert set(declared_hints(path)) == failures, f"{path.name}: add `# expected-hint: test: words` lines"
    # and the hint it gets is chosen by the cause, not the test's fallback `Hint:` line
    results = cpython_grader.grade_file(path)
    for test in results["tests"]:
        if test["test"] in failed_tests(results):
            assert test["hint"] and f"Hint: {test['hint']}" not in test["test_code"], (path.name, test)


def cause(check, *args, **kwargs):
    with pytest.raises(AssertionError) as failure:
        check(*args, **kwargs)
    return hints.cause_of(failure.value)


def relu_values(got, x):
    return cause(expect.same_values, got, np.maximum(x, 0), expect.Call("relu(x)", x=x), dtype=x.dtype)


def backward_values(got, grad_out, x):
    return cause(expect.same_values, got, grad_out * (x > 0),
                 expect.Call("relu_backward(grad_out, x)", grad_out=grad_out, x=x), dtype=grad_out.dtype)


X = np.array([-2.0, -0.5, 0.0, 0.5, 3.0, np.inf, -np.inf])
G = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
FINITE = np.isfinite(X)


def test_wrong_values_are_told_apart_by_where_and_how_they_are_wrong():
    assert relu_values(np.where(X > 0, X, 0.01 * X), X) == "negatives_scaled"
    assert relu_values(X.copy(), X) == "negatives_kept"
    with np.errstate(invalid="ignore"):
        assert relu_values(X * (X > 0), X) == "nan_from_inf"
    assert relu_values(np.clip(X, 0, 6), X) == "clipped_above"
    assert relu_values(np.abs(X[FINITE]), X[FINITE]) == "negatives_not_zero"
    assert relu_values(np.maximum(X[FINITE], 0).astype(int), X[FINITE]) == "int_result"
    assert relu_values(np.maximum(X, 0).astype(np.float32), X) == "narrowed"
    x, g = X[FINITE], G[FINITE]
    assert backward_values(g * (x >= 0), g, x) == "wrong_at_zero"
    assert backward_values(g * (x != 0), g, x) == "blocked_passes"
    assert backward_values(np.where(x > 0, g, 1.0), g, x) == "blocked_not_zero"
    assert backward_values(g * np.maximum(x, 0), g, x) == "times_x"
    assert backward_values(x > 0, g, x) == "bool_result"


def test_what_came_back_is_named_before_its_values():
    call = expect.Call("relu(x)", x=X)
    assert cause(expect.array_result, None, call, expected_shape=X.shape) == "returned_none"
    assert cause(expect.array_result, [1.0], call, expected_shape=X.shape) == "returned_list"
    assert cause(expect.array_result, 1.0, call, expected_shape=X.shape) == "returned_scalar"
    assert cause(expect.array_result, np.float64(3.0), call, expected_shape=X.shape) == "reduced"
    assert cause(expect.array_result, X.reshape(1, -1), call, expected_shape=X.shape) == "reshaped"
    assert cause(expect.unchanged, X, X + 1, call, "x") == "mutated"


def test_a_hint_for_one_function_or_test_comes_before_the_general_one():
    call = expect.Call("relu_backward(grad_out, x)", grad_out=G, x=X)
    with pytest.raises(AssertionError) as failure:
        expect.same_values(X > 0, G * (X > 0), call)
    assert hints.hint_for("test_backward_mask", failure.value) == hints.HINTS["relu_backward:bool_result"]
    hints.HINTS["test_backward_mask:bool_result"] = "one test's own"
    try:
        assert hints.hint_for("test_backward_mask", failure.value) == "one test's own"
    finally:
        del hints.HINTS["test_backward_mask:bool_result"]
    # an unknown cause has no hint: the test's own `Hint:` line is shown
    assert hints.hint_for("test_backward_mask", ValueError("something else")) is None


def test_every_cause_the_checks_and_hints_name_has_a_hint():
    named = {"returned_none", "returned_list", "returned_scalar", "not_array", "subclass", "reduced", "reshaped",
             "shape", "bool_result", "int_result", "widened", "narrowed", "dtype", "nan_from_inf", "nan", "inf",
             "mutated", "wrong_at_zero", "negatives_kept", "negatives_scaled", "negatives_not_zero",
             "blocked_passes", "blocked_not_zero", "clipped_above", "times_x", "positives_changed"}
    named |= {cause for _, _, cause in hints.EXCEPTIONS}
    assert named <= set(hints.HINTS), named - set(hints.HINTS)
