"""Checks with messages a student can act on: which input, what was expected, what came back, where."""
import numpy as np

np.set_printoptions(precision=4, threshold=40, edgeitems=3)


def describe(value):
    """'float32 array of shape (2, 3)', 'list', 'numpy.float64 scalar', ..."""
    if isinstance(value, np.ndarray):
        return f"{value.dtype} array of shape {value.shape}"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__} scalar"
    return type(value).__name__


def show(array):
    text = np.array2string(np.asarray(array), separator=", ")
    return text if len(text) <= 300 else text[:300] + " ..."


def inputs(**arrays):
    """'x = [...] (float32, shape (5,))' for each named input."""
    return "; ".join(f"{name} = {show(a)} ({a.dtype}, shape {a.shape})" for name, a in arrays.items())


class Call:
    """How a call is named in a failure message: Call("relu(x)", x=x) reads 'relu(x) with x = [...] (...)'.
    The text is made only when a check fails: printing arrays was a quarter of a passing run in Pyodide.
    Pass arrays the student's code cannot reach (copies), so the message shows the inputs as they were."""

    def __init__(self, text, **arrays):
        self.text, self.arrays = text, arrays

    def __str__(self):
        return f"{self.text} with {inputs(**self.arrays)}" if self.arrays else self.text


def array_result(got, call, *, expected_shape):
    """Fail unless `got` is a plain NumPy array (or a NumPy scalar for a 0-d input) of the expected shape."""
    foreign = getattr(got, "foreign_type", None)
    if foreign is not None:
        raise AssertionError(f"{call} returned a {foreign}, a subclass of np.ndarray; return a plain np.ndarray")
    if not isinstance(got, (np.ndarray, np.generic)):
        raise AssertionError(f"{call} returned a {describe(got)}; it should return a NumPy array "
                             f"of shape {expected_shape}")
    if np.shape(got) != expected_shape:
        raise AssertionError(f"{call} returned shape {np.shape(got)}, but the input has shape {expected_shape}: "
                             "the output must have the same shape as the input")


def same_values(got, expected, call, *, atol=0.0, dtype=None):
    """Fail unless `got` has `expected`'s shape, the given dtype and its values (exactly, or within atol)."""
    array_result(got, call, expected_shape=expected.shape)
    got = np.asarray(got)
    if dtype is not None and got.dtype != dtype:
        raise AssertionError(f"{call} returned dtype {got.dtype}, but the input is {dtype}: keep the input's dtype")
    if got.dtype.kind not in "biuf":
        raise AssertionError(f"{call} returned an array of dtype {got.dtype}; expected numbers ({expected.dtype})")
    close = np.isclose(got, expected, rtol=0.0, atol=atol, equal_nan=True) if atol else (
        (got == expected) | (np.isnan(got) & np.isnan(expected)))
    if not np.all(close):
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        where = f"index {index}" if index else "the only element"
        tolerance = f" (tolerance {atol:g})" if atol else ""
        raise AssertionError(f"{call}: wrong value at {where}: expected {expected[index]}, got {got[index]}"
                             f"{tolerance}. {int((~close).sum())} of {close.size} elements differ.\n"
                             f"expected: {show(expected)}\ngot:      {show(got)}")


def unchanged(before, after, call, name):
    """Fail if the student's function modified its argument in place."""
    if not np.array_equal(before, after, equal_nan=True):
        index = tuple(int(i) for i in np.argwhere(~((before == after) | (np.isnan(before) & np.isnan(after))))[0])
        raise AssertionError(f"{call} modified its argument {name} in place (at index {index}: was "
                             f"{before[index]}, now {after[index]}); compute a new array instead")
