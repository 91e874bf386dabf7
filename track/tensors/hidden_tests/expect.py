"""Checks with messages a student can act on: which input, what was expected, what came back, where. Each
failure is a Mismatch that names what the check found (its `cause`), so that hints.py can pick a hint.
What every step shares (Mismatch, Call, ...) is track/support/step_checks.py's."""
import numpy as np

from step_checks import Call, Mismatch, describe, not_an_array_cause, show, unchanged  # noqa: F401 (tests import them here)


def _shape_cause(got_shape, expected_shape):
    got_size, expected_size = int(np.prod(got_shape)), int(np.prod(expected_shape))
    if got_size < expected_size or len(got_shape) < len(expected_shape) and got_size == expected_size == 1:
        return "reduced"
    return "reshaped" if got_size == expected_size else "shape"


def array_result(got, call, *, expected_shape):
    """Fail unless `got` is a plain NumPy array (or a NumPy scalar for a 0-d input) of the expected shape."""
    foreign = getattr(got, "foreign_type", None)
    if foreign is not None:
        raise Mismatch(f"{call}: returned a {foreign}, a subclass of np.ndarray; return a plain np.ndarray",
                       "subclass", got=got, call=call)
    if not isinstance(got, (np.ndarray, np.generic)):
        raise Mismatch(f"{call}: returned a {describe(got)}; it should return a NumPy array of shape "
                       f"{expected_shape}", not_an_array_cause(got), got=got, call=call)
    if np.shape(got) != expected_shape:
        raise Mismatch(f"{call}: returned shape {np.shape(got)}, but the result must have exactly the shape "
                       f"{expected_shape}",
                       _shape_cause(np.shape(got), expected_shape), got=got, call=call)


def _dtype_cause(got, expected):
    if got.kind in "iu" and expected.kind == "f":
        return "int_result"
    if got.kind == expected.kind == "f":
        return "widened" if got.itemsize > expected.itemsize else "narrowed"
    return "dtype"


def _value_cause(got, expected, wrong, call):
    """nan or inf where a number was due (and whether an input was infinite there), else plain values."""
    index = tuple(np.argwhere(wrong)[0])
    if np.isnan(got[index]):
        infinite = any(np.shape(a) == got.shape and np.isinf(a[index]) for a in call.arrays.values()
                       if isinstance(a, np.ndarray) and a.dtype.kind == "f")
        return "nan_from_inf" if infinite else "nan"
    if np.isinf(got[index]):
        return "inf"
    return "values"


def same_values(got, expected, call, *, atol=0.0, dtype=None):
    """Fail unless `got` has `expected`'s shape, the given dtype and its values (exactly, or within atol)."""
    array_result(got, call, expected_shape=expected.shape)
    got = np.asarray(got)
    if got.dtype.kind == "b" and expected.dtype.kind != "b":
        raise Mismatch(f"{call}: returned an array of dtype bool (True/False); expected numbers "
                       f"({np.dtype(dtype or expected.dtype)})", "bool_result", got=got, expected=expected, call=call)
    if dtype is not None and got.dtype != dtype:
        raise Mismatch(f"{call}: returned dtype {got.dtype}, but grad is {dtype}: keep grad's dtype",
                       _dtype_cause(got.dtype, np.dtype(dtype)), got=got, expected=expected, call=call)
    if got.dtype.kind not in "biuf":
        raise Mismatch(f"{call}: returned an array of dtype {got.dtype}; expected numbers ({expected.dtype})",
                       "dtype", got=got, expected=expected, call=call)
    close = np.isclose(got, expected, rtol=0.0, atol=atol, equal_nan=True) if atol else (
        (got == expected) | (np.isnan(got) & np.isnan(expected)))
    if not np.all(close):
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        where = f"index {index}" if index else "the only element"
        tolerance = f" (tolerance {atol:g})" if atol else ""
        raise Mismatch(f"{call}: wrong value at {where}: expected {expected[index]}, got {got[index]}"
                       f"{tolerance}. {int((~close).sum())} of {close.size} elements differ.\n"
                       f"expected: {show(expected)}\ngot:      {show(got)}",
                       _value_cause(got, expected, ~close, call), got=got, expected=expected, call=call,
                       wrong=~close, atol=atol)


