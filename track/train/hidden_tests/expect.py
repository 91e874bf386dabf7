"""Checks with messages a student can act on: which call, what was expected, what came back. Each failure is a
Mismatch that names what the check found (its `cause`), so that hints.py can pick a hint. What every step
shares comes from track/support/step_checks.py; here are the checks of this step's own results: a tuple of four
parameters, train_step's (new_params, loss), a loss, predict's classes."""
import numpy as np

import step_checks
from step_checks import Mismatch, describe, not_an_array_cause, unchanged  # noqa: F401 (tests import them here)


PARAMS = ("W1", "b1", "W2", "b2")


class Call(step_checks.Call):
    """As every step's Call (track/support/step_checks.py), with the inputs shown briefly: params by their shapes."""

    def shown(self, name, value):
        return f"{name} = {brief(value)}"


def show(array):
    """Values on one line: this step's messages name whole parameter sets."""
    return step_checks.show(array, one_line=True, limit=200)


def brief(value):
    """An input as a failure message shows it: small arrays in full, params by their shapes."""
    if isinstance(value, np.ndarray):
        return show(value) if value.size <= 12 else f"({describe(value)})"
    if isinstance(value, tuple) and all(isinstance(v, np.ndarray) for v in value):
        return "(" + ", ".join(f"{name} {v.shape}" for name, v in zip(PARAMS, value)) + ")"
    return repr(value)


def array_result(got, call, *, shape, why, part=None, kinds="f"):
    """Fail unless `got` is a NumPy array of `shape` (`why` says whose) with a dtype of one of `kinds`."""
    returned = f"{call.text} returned " + (part if part else "an array")
    if not isinstance(got, np.ndarray):
        raise Mismatch(f"{call.text} returned {part or 'its result'} as a {describe(got)}; expected a NumPy array "
                       f"of shape {shape}, {why}", not_an_array_cause(got), got=got, call=call, part=part)
    if got.shape != shape:
        raise Mismatch(f"{returned} of shape {got.shape}; expected shape {shape}, {why}", "shape", got=got,
                       call=call, part=part)
    if got.dtype.kind not in kinds:
        wanted = "floating point numbers (float64)" if kinds == "f" else "whole numbers (an integer dtype)"
        raise Mismatch(f"{returned} of dtype {got.dtype}; expected {wanted}", f"dtype_{got.dtype.kind}", got=got,
                       call=call, part=part)


def params_result(got, call, shapes, *, what="params"):
    """Fail unless `got` is a tuple (or list) of four float arrays of `shapes` (W1, b1, W2, b2); return it."""
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        count = f" of {len(got)}" if isinstance(got, (tuple, list)) else ""
        raise Mismatch(f"{call.text} returned {what} as a {describe(got)}{count}; expected the tuple "
                       "(W1, b1, W2, b2)", "not_four", got=got, call=call)
    whose = {"W1": "(n_inputs, n_hidden)", "b1": "(n_hidden,)", "W2": "(n_hidden, n_classes)",
             "b2": "(n_classes,)"}
    for name, value, shape in zip(PARAMS, got, shapes):
        array_result(value, call, shape=shape, why=whose[name], part=name)
    return list(got)


def pair_result(got, call, names):
    """Fail unless `got` is a tuple (or list) of two, as in (new_params, loss); return it."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        count = f" of {len(got)}" if isinstance(got, (tuple, list)) else ""
        raise Mismatch(f"{call.text} returned a {describe(got)}{count}; expected the tuple ({names})",
                       "not_pair", got=got, call=call)
    return got


def float_result(got, call, *, part="loss"):
    """Fail unless `got` is one float (a Python float or a NumPy float scalar); return it as a float."""
    if isinstance(got, bool) or not isinstance(got, (float, np.floating)):
        cause = "loss_array" if isinstance(got, np.ndarray) else "loss_type"
        raise Mismatch(f"{call.text} returned {part} as a {describe(got)}; expected one float", cause, got=got,
                       call=call, part=part)
    return float(got)


def close(got, expected, call, *, part, atol):
    """Fail unless the array or float `got` is within atol of `expected`."""
    near = np.isclose(got, expected, rtol=0.0, atol=atol)
    if np.all(near):
        return
    returned = f"{call}: wrong {part}"
    if np.ndim(got) == 0:
        message = f"{returned}: expected {float(expected):.6g}, got {float(got):.6g} (tolerance {atol:g})"
    else:
        index = tuple(int(i) for i in np.argwhere(~near)[0])
        message = (f"{returned} at index {index}: expected {expected[index]:.6g}, got {got[index]:.6g} "
                   f"(tolerance {atol:g}); {int((~near).sum())} of {near.size} elements differ.\n"
                   f"expected: {show(expected)}\ngot:      {show(got)}")
    cause = "nan" if not np.all(np.isfinite(got)) else "values"
    # no `expected`: the page's "Try this input" would compare the call's whole result with one part of it
    raise Mismatch(message, cause, got=got, call=call, atol=atol, part=part)


