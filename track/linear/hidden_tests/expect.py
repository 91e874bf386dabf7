"""Checks with messages a student can act on: which input, what was expected, what came back, where. Each
failure is a Mismatch that names what the check found (its `cause`), so that hints.py can pick a hint.
What every step shares (Mismatch, Call, ...) is track/support/step_checks.py's; here, results are checked against
a shape named by the contract, one of several results can be checked (`part`), and linear_backward's tuple is
unpacked."""
import numpy as np

from step_checks import Call, Mismatch, describe, not_an_array_cause, show, unchanged  # noqa: F401 (tests import them here)


def _shape_cause(got_shape, expected_shape):
    got_size, expected_size = int(np.prod(got_shape)), int(np.prod(expected_shape))
    if got_shape == expected_shape[::-1] and len(got_shape) > 1:
        return "transposed_shape"
    if got_size < expected_size or len(got_shape) < len(expected_shape) and got_size == expected_size == 1:
        return "reduced"
    return "reshaped" if got_size == expected_size else "shape"


def _returned(call, part):
    """'linear(...) returned' or 'linear_backward(...) returned grad_W'."""
    return f"{call} returned" if part is None else f"{call} returned {part}"


def array_result(got, call, *, expected_shape, why, part=None, dtype=None):
    """Fail unless `got` is a plain NumPy array of the expected shape (`why` says whose shape that is, as in
    "(batch, outputs)" or "W's shape") and, when given, of the given dtype."""
    foreign = getattr(got, "foreign_type", None)
    if foreign is not None:
        raise Mismatch(f"{_returned(call, part)} as a {foreign}, a subclass of np.ndarray; return a plain "
                       "np.ndarray", "subclass", got=got, call=call, part=part)
    if not isinstance(got, (np.ndarray, np.generic)):
        raise Mismatch(f"{_returned(call, part)} as a {describe(got)}; it should be a NumPy array of shape "
                       f"{expected_shape}, {why}", not_an_array_cause(got), got=got, call=call, part=part)
    if np.shape(got) != expected_shape:
        raise Mismatch(f"{_returned(call, part)} of shape {np.shape(got)}; expected shape {expected_shape}, {why}",
                       _shape_cause(np.shape(got), expected_shape), got=got, call=call, part=part)
    if dtype is not None:
        same_dtype(np.asarray(got), dtype, call, part=part)


def _dtype_cause(got, expected):
    if got.kind in "iu" and expected.kind == "f":
        return "int_result"
    if got.kind == expected.kind == "f":
        return "widened" if got.itemsize > expected.itemsize else "narrowed"
    return "dtype"


def same_dtype(got, dtype, call, *, part=None):
    if got.dtype.kind == "b":
        raise Mismatch(f"{_returned(call, part)} as an array of dtype bool (True/False); expected numbers "
                       f"({np.dtype(dtype)})", "bool_result", got=got, call=call, part=part)
    if got.dtype != dtype:
        raise Mismatch(f"{_returned(call, part)} of dtype {got.dtype}, but the inputs are {np.dtype(dtype)}: "
                       "keep the inputs' dtype", _dtype_cause(got.dtype, np.dtype(dtype)), got=got, call=call,
                       part=part)


def _value_cause(got, wrong):
    """nan or inf where a number was due, else plain values."""
    index = tuple(np.argwhere(wrong)[0])
    if np.isnan(got[index]):
        return "nan"
    if np.isinf(got[index]):
        return "inf"
    return "values"


def same_values(got, expected, call, *, why, atol=0.0, dtype=None, part=None):
    """Fail unless `got` has `expected`'s shape, the given dtype and its values (within atol). For a `part`
    the Mismatch's `expected` is left out: the page's "Try this input" compares a call's whole result."""
    array_result(got, call, expected_shape=expected.shape, why=why, part=part)
    got = np.asarray(got)
    if dtype is not None or got.dtype.kind == "b":
        same_dtype(got, dtype or expected.dtype, call, part=part)
    if got.dtype.kind not in "iuf":
        raise Mismatch(f"{_returned(call, part)} as an array of dtype {got.dtype}; expected numbers "
                       f"({expected.dtype})", "dtype", got=got, call=call, part=part)
    close = np.isclose(got, expected, rtol=0.0, atol=atol, equal_nan=True)
    if not np.all(close):
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        where = f"index {index}" if index else "the only element"
        tolerance = f" (tolerance {atol:g})" if atol else ""
        within = "" if part is None else f" in {part}"
        raise Mismatch(f"{call}: wrong value{within} at {where}: expected {expected[index]}, got {got[index]}"
                       f"{tolerance}. {int((~close).sum())} of {close.size} elements differ.\n"
                       f"expected: {show(expected)}\ngot:      {show(got)}",
                       _value_cause(got, ~close), got=got, expected=expected if part is None else None,
                       call=call, wrong=~close, atol=atol, part=part)


def three_results(got, call):
    """linear_backward's (grad_x, grad_W, grad_b): fail unless `got` is a tuple (or a list) of three."""
    if isinstance(got, (tuple, list)) and len(got) == 3:
        return list(got)
    if got is None:
        cause, what = "returned_none", "None"
    elif isinstance(got, (np.ndarray, np.generic)):
        cause, what = "returned_array", f"a single {describe(got)}"
    elif isinstance(got, (tuple, list)):
        cause, what = "wrong_count", f"a {type(got).__name__} of {len(got)}"
    else:
        cause, what = "not_tuple", f"a {describe(got)}"
    raise Mismatch(f"{call} returned {what}; it should return three arrays, the tuple (grad_x, grad_W, grad_b)",
                   cause, got=got, call=call)


