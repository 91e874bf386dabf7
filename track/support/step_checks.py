"""What the hidden tests of every step of the track share (issue 36): a failed check is a Mismatch that names its
cause, for the step's hints.py to pick a hint; a Call names the call in a failure message, the text made only
when a check fails; values are shown short. Each step's expect.py adds the checks of its own results."""
import numpy as np

np.set_printoptions(precision=4, threshold=40, edgeitems=3, suppress=True)


class Mismatch(AssertionError):
    """A failed check. `cause` names what was found ("shape", "mutated", "values", ...: each step's hints.py
    knows its own); `got`, `expected`, `call`, `wrong` (a mask of the elements that differ) and `part` (which of
    several results: "grad_W", "loss", or None for the whole result) are the data it looked at, for hints.py
    to look closer; `atol` is the tolerance values were compared with (the page's "Try this input" uses it)."""

    def __init__(self, message, cause, *, got=None, expected=None, call=None, wrong=None, atol=0.0, part=None):
        super().__init__(message)
        self.cause, self.got, self.expected, self.call, self.wrong = cause, got, expected, call, wrong
        self.atol, self.part = atol, part


class Call:
    """How a call is named in a failure message: Call("linear(x, W, b)", x=x, W=W, b=b) reads 'linear(x, W, b)
    with x = [...] (float32, shape (2, 3)); ...'. Printing arrays was a quarter of a passing run in Pyodide, so
    the text is made only when a check fails. Pass copies the student's code cannot reach, so that the message
    shows the inputs as they were."""

    def __init__(self, text, **arrays):
        self.text, self.arrays = text, arrays
        self.function = text.split("(")[0]

    def shown(self, name, value):
        """One input as the message shows it (a step may show its own inputs otherwise)."""
        return input_text(name, value)

    def __str__(self):
        if not self.arrays:
            return self.text
        return f"{self.text} with " + "; ".join(self.shown(name, value) for name, value in self.arrays.items())


def input_text(name, value):
    """'x = [[...], [...]] (float32, shape (2, 3))' on one line (three matrices shown row under row would push
    what was expected and what came back out of a terminal's report), 'shape = (3, 1)' for anything else."""
    if isinstance(value, np.ndarray):
        return f"{name} = {show(value, one_line=True)} ({value.dtype}, shape {value.shape})"
    return f"{name} = {value!r}"


def describe(value):
    """'float32 array of shape (2, 3)', 'list', 'numpy.float64 scalar', ..."""
    if isinstance(value, np.ndarray):
        return f"{value.dtype} array of shape {value.shape}"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__} scalar"
    return type(value).__name__


def show(array, *, one_line=False, limit=300):
    """An array's values, cut after `limit` characters."""
    text = np.array2string(np.asarray(array), separator=", ")
    text = text.replace("\n", "") if one_line else text
    return text if len(text) <= limit else text[:limit] + " ..."


def not_an_array_cause(got):
    """The cause of a result that is not an array: returned_none, returned_list, returned_scalar or not_array."""
    if got is None:
        return "returned_none"
    if isinstance(got, (list, tuple)):
        return "returned_list"
    if isinstance(got, (bool, int, float, complex)):
        return "returned_scalar"
    return "not_array"


def unchanged(before, after, call, name, *, part=None):
    """Fail if the student's function changed its argument `name` in place. No `expected`: "Try this input" then
    replays the call without comparing its result to the argument."""
    floats = before.dtype.kind in "fc"
    if not np.array_equal(before, after, equal_nan=floats):
        differs = before != after
        if floats:
            differs &= ~(np.isnan(before) & np.isnan(after))
        index = tuple(int(i) for i in np.argwhere(differs)[0])
        raise Mismatch(f"{call} modified its argument {name} in place (at index {index}: was {before[index]}, now "
                       f"{after[index]}); compute a new array instead", "mutated", got=after, call=call, part=part)
