"""Checks with messages a student can act on: which input, what was expected, what came back, where. Each
failure is a Mismatch that names what the check found (its `cause`), so that hints.py can pick a hint.
Copied from the ReLU step; what changed: results are checked against a shape named by the contract (not the
input's), one of several results can be checked (`part`), and linear_backward's tuple is unpacked here."""
import numpy as np

np.set_printoptions(precision=4, threshold=40, edgeitems=3, suppress=True)


class Mismatch(AssertionError):
    """A failed check. `cause` names what was found ("shape", "mutated", "values", "wrong_count", ...); `got`,
    `expected`, `call`, `wrong` (a mask of the elements that differ) and `part` (which of several results:
    "grad_W", or None for the whole result) are the data it looked at, for hints.py to look closer."""

    def __init__(self, message, cause, *, got=None, expected=None, call=None, wrong=None, atol=0.0, part=None):
        super().__init__(message)
        self.cause, self.got, self.expected, self.call, self.wrong = cause, got, expected, call, wrong
        self.atol = atol  # the tolerance the values were compared with (the page's "Try this input" uses it)
        self.part = part


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
    """'x = [[...], [...]] (float32, shape (2, 3))' for each named input, each on one line (three matrices
    shown row under row would push the expected and the returned values out of a terminal's report)."""
    return "; ".join(f"{name} = {show(a).replace(chr(10), '')} ({a.dtype}, shape {a.shape})"
                     for name, a in arrays.items())


class Call:
    """How a call is named in a failure message: Call("linear(x, W, b)", x=x, W=W, b=b) reads 'linear(x, W, b)
    with x = [...] (...); ...'. The text is made only when a check fails: printing arrays was a quarter of a
    passing run in Pyodide. Pass arrays the student's code cannot reach (copies), so the message shows the
    inputs as they were."""

    def __init__(self, text, **arrays):
        self.text, self.arrays = text, arrays
        self.function = text.split("(")[0]

    def __str__(self):
        return f"{self.text} with {inputs(**self.arrays)}" if self.arrays else self.text


def _not_an_array(got):
    if got is None:
        return "returned_none"
    if isinstance(got, (list, tuple)):
        return "returned_list"
    if isinstance(got, (bool, int, float, complex)):
        return "returned_scalar"
    return "not_array"


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
                       f"{expected_shape}, {why}", _not_an_array(got), got=got, call=call, part=part)
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


def unchanged(before, after, call, name):
    """Fail if the student's function modified its argument in place. No `expected`: "Try this input" then
    replays the call without comparing its result to the argument."""
    if not np.array_equal(before, after, equal_nan=True):
        index = tuple(int(i) for i in np.argwhere(~((before == after) | (np.isnan(before) & np.isnan(after))))[0])
        raise Mismatch(f"{call} modified its argument {name} in place (at index {index}: was "
                       f"{before[index]}, now {after[index]}); compute a new array instead", "mutated",
                       got=after, call=call)
