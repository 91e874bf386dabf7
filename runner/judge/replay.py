"""The code that replays a failing call in the page's console ("Try this input", issue 29): the call's input
arrays written out exactly, what the test expected, and `compare(<the call>, expected)`, which the console
defines (runner/student/student_console.py).

A failure can be replayed when its exception carries `call` (with `text`, such as "relu_backward(grad_out,
x)", and `arrays`, the inputs by name) and, optionally, `expected`: hidden_tests/expect.py's Mismatch does.
An input is a NumPy array, a shape (a tuple of whole numbers: step 1's unbroadcast(grad, shape)) or a number.
Arrays over MAX_ELEMENTS elements, or of a dtype that is not plain numbers, are not written out."""
import math
import re

MAX_ELEMENTS = 1000
MAX_WHOLE = 10**18  # a whole number written out has at most 19 digits
_CALL = re.compile(r"[A-Za-z_][A-Za-z_0-9]*\((\s*[A-Za-z_][A-Za-z_0-9]*\s*(,\s*[A-Za-z_][A-Za-z_0-9]*\s*)*)?\)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def replay_of(error):
    """{"call", "code"} for the console, or None when this failure cannot be replayed."""
    call = getattr(error, "call", None)
    text, arrays = getattr(call, "text", None), getattr(call, "arrays", None)
    if type(text) is not str or not _CALL.fullmatch(text) or not isinstance(arrays, dict) or not arrays:
        return None
    lines = []
    for name, value in arrays.items():
        literal = input_literal(value)
        if literal is None or type(name) is not str or not _NAME.fullmatch(name) or name in ("np", "compare", "expected"):
            return None
        lines.append(f"{name} = {literal}")
    expected = input_literal(getattr(error, "expected", None))
    if expected is not None:
        lines.append(f"expected = {expected}")
        atol = getattr(error, "atol", 0)
        tolerance = f", atol={float(atol)!r}" if type(atol) in (int, float) and math.isfinite(atol) and atol > 0 else ""
        lines.append(f"compare({text}, expected{tolerance})")
    else:
        lines.append(text)
    return {"call": text, "code": "\n".join(lines)}


def input_literal(value):
    """Python source that makes this input again exactly: a NumPy array (array_literal), a shape, or a number;
    None for anything else."""
    if type(value) is tuple and len(value) <= 32 and all(type(item) is int and abs(item) < MAX_WHOLE for item in value):
        return repr(value)
    if type(value) is bool or (type(value) is int and abs(value) < MAX_WHOLE):
        return repr(value)
    if type(value) is float:
        return _nested(value)
    return array_literal(value)


def array_literal(value):
    """Python source that makes this NumPy array again, exactly (dtype, shape, -0.0, infinities, NaN); None
    for anything else, or for more than MAX_ELEMENTS elements."""
    np = _numpy()
    if np is None or type(value) is not np.ndarray or value.size > MAX_ELEMENTS or value.dtype.kind not in "biuf":
        return None
    values = _nested(value.tolist())
    shape = "" if value.ndim == 1 else f".reshape({tuple(value.shape)!r})"
    return f"np.array({values}, dtype={value.dtype.name!r}){shape}"


def _nested(items):
    if isinstance(items, list):
        return "[" + ", ".join(_nested(item) for item in items) + "]"
    if isinstance(items, float):
        if math.isnan(items):
            return "np.nan"
        if math.isinf(items):
            return "np.inf" if items > 0 else "-np.inf"
    return repr(items)


def _numpy():
    import sys

    return sys.modules.get("numpy")
