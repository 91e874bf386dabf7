"""The hints students read when a test fails, chosen by what the check found (issue 22).

A check in expect.py raises a Mismatch that names its `cause`; `refine` below looks closer at the data for
this exercise (which axes did the result keep? is it the mean instead of the sum?); an exception raised by
solution.py gets a cause from EXCEPTIONS. The hint is the first of HINTS["test:cause"],
HINTS["function:cause"] and HINTS["cause"] that exists; without one, the test's own `Hint:` docstring line is
shown. conftest.py attaches the hint to the failure. Hints teach the idea; they never give the code of the answer."""
import math

import numpy as np

RULE = ("Broadcasting lines the two shapes up at their right (trailing) end: the axes grad has beyond `shape` "
        "are its leading ones, added in front, and an axis where `shape` has 1 was stretched to grad's length. ")

HINTS = {
    # What came back is not an array (expect.array_result).
    "returned_none": "The function returned None: does every path through it end in a `return`?",
    "returned_list": "It returned a Python list. Return a NumPy array: a list loses the shape, the dtype and "
                     "NumPy's arithmetic.",
    "returned_scalar": "It returned a plain Python number, not a NumPy value: .item(), float() or int() turn NumPy's "
                       "result into one. For shape () return what NumPy's sum gives (a 0-d array or NumPy scalar).",
    "not_array": "Return a NumPy array (np.ndarray) of the shape `shape`.",
    "subclass": "Return a plain np.ndarray, not a subclass of it.",
    # The result has the wrong shape; refine() tells which axes went wrong.
    "not_summed": "Nothing was summed: the result still has grad's shape. " + RULE + "The input's gradient sums "
                  "grad over the leading axes broadcasting added (and over the axes where `shape` has 1).",
    "ones_not_summed": "The axes where `shape` has size 1 were not summed: there the input's single element was "
                       "broadcast along the whole axis, so its gradient is the sum along it, kept as an axis of "
                       "length 1.",
    "leading_kept": "The leading axes were not summed: the result still has grad's extra axes in front. " + RULE +
                    "Those leading axes were added by broadcasting, so the input's gradient sums over them.",
    "ones_dropped": "The axes where `shape` has size 1 were summed but then dropped: the result must keep them, "
                    "with length 1, so that it has exactly the shape `shape` (summing normally removes the axis).",
    "summed_everything": "Everything was summed into one number, but `shape` is not (): sum only over the axes "
                         "broadcasting added or stretched, and keep the others. " + RULE,
    "axis0_only": "Only axis 0 was summed (the bias-gradient shortcut for a 2-D batch). That is right for "
                  "shape (n,) under an (m, n) grad only: in general the number of leading axes to sum is "
                  "grad.ndim - len(shape), which may be 0, 1 or more, and size-1 axes need summing too.",
    "wrong_end": "The axes were summed at the wrong end. " + RULE + "The extra axes to sum away are grad's first "
                 "(leading) ones, not its last ones.",
    "reduced": "The result has fewer elements than the shape `shape` holds: too many axes were summed. " + RULE,
    "reshaped": "The result has the right number of elements but not the shape `shape`. " + RULE,
    "shape": "The result must have exactly the shape `shape`. " + RULE + "Sum the leading axes away, then sum "
             "each axis where `shape` has 1, keeping it.",
    # Wrong numbers (expect.same_values).
    "bool_result": "It returned True/False values; the gradient is numbers, the sums of grad's elements.",
    "int_result": "The values came back as integers, so fractions were cut off: keep grad's floating point dtype.",
    "widened": "float32 grad came back as float64: something converted it (astype(float), a result made with "
               "np.zeros(shape) without a dtype, a float64 array mixed in). Keep grad's dtype: a float32 network "
               "stays float32.",
    "narrowed": "The result has a smaller dtype than grad, which loses precision: keep grad's dtype.",
    "dtype": "Keep grad's dtype: the result is an array of the same kind of numbers as grad.",
    "averaged": "The values are the mean, not the sum: each element of the input was used at every place it was "
                "broadcast to, and each use adds its own share of the gradient, so the shares add up (no division).",
    "wrong_end_values": "The axes were summed at the wrong end. " + RULE + "The extra axes to sum away are grad's "
                        "first (leading) ones, not its last ones.",
    "nan": "The result has nan where a number was due: look for 0 / 0 (a mean over an empty axis, for instance).",
    "inf": "The result is infinite where a finite number was due.",
    "values": "The shape is right but the values are not: each element of the result is the sum of grad over "
              "all the places the input's element was broadcast to.",
    "mutated": "It changed grad in place; the caller still needs it (other inputs of the same operation take their "
               "gradient from the same grad). Compute a new array and leave grad as it was.",
    # solution.py raised an exception (see EXCEPTIONS).
    "reshape": "reshape only rearranges elements; it cannot make grad smaller. The gradient of a broadcast input "
               "has fewer elements than grad: add up the elements each input element was broadcast to.",
    "axis": "An axis number is out of range for grad. " + RULE + "Count the leading axes as grad.ndim - len(shape).",
    "index_shape": "An index ran past the end of a shape: grad and `shape` may have different numbers of axes. "
                   + RULE,
    "zero_d": "grad can be a 0-d array (shape ()), which has no len() and cannot be looped over. NumPy's "
              "reductions work on every shape, with a tuple of axes (possibly empty).",
    "np_undefined": "solution.py uses np without importing it: keep `import numpy as np` at the top.",
}

# (exception type, text in its message, cause): the first that fits names an exception's cause.
EXCEPTIONS = [
    ("ValueError", "cannot reshape", "reshape"),
    ("AxisError", "out of bounds", "axis"),
    ("IndexError", "tuple index out of range", "index_shape"),
    ("TypeError", "unsized object", "zero_d"),
    ("TypeError", "0-d array", "zero_d"),
    ("NameError", "'np' is not defined", "np_undefined"),
]

SHAPE_CAUSES = ("reduced", "reshaped", "shape")


def _shape_cause(got, grad_shape, shape, cause):
    """Which axes a result of shape `got` summed wrongly, for an input of `shape` under a grad of `grad_shape`."""
    leading = len(grad_shape) - len(shape)
    if leading < 0:
        return cause
    if got == grad_shape[leading:]:  # leading axes summed (or none to sum), size-1 axes not
        return "ones_not_summed"
    if got == grad_shape:
        return "not_summed"
    if got == ():
        return "summed_everything"
    if leading > 0 and got == grad_shape[:leading] + shape:
        return "leading_kept"
    if got == tuple(n for n in shape if n != 1):
        return "ones_dropped"
    if leading != 1 and got == grad_shape[1:]:
        return "axis0_only"
    front = grad_shape[:len(shape)]
    if leading > 0 and (got == front or got == tuple(1 if n == 1 else m for n, m in zip(shape, front))):
        return "wrong_end"
    return cause


def _value_cause(got, expected, grad, shape):
    """"averaged" when the result is the mean where the sum was due; "wrong_end_values" when it is grad summed over
    its last axes (a square grad hides the wrong shape); else plain "values"."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    used = grad.size // max(math.prod(shape), 1)  # how many places each input element was broadcast to
    if used > 1 and np.allclose(got * used, expected, atol=1e-6):
        return "averaged"
    leading = grad.ndim - len(shape)
    if leading > 0:
        tail = grad.sum(axis=tuple(range(len(shape), grad.ndim)))
        if tail.shape == got.shape and np.allclose(got, tail):
            return "wrong_end_values"
    return "values"


def refine(mismatch):
    """A closer cause for a wrong shape or wrong values, from the call's grad and shape."""
    arrays = mismatch.call.arrays if mismatch.call is not None else {}
    grad, shape = arrays.get("grad"), arrays.get("shape")
    if not isinstance(grad, np.ndarray) or not isinstance(shape, tuple):
        return mismatch.cause
    if mismatch.cause in SHAPE_CAUSES:
        return _shape_cause(np.shape(mismatch.got), grad.shape, shape, mismatch.cause)
    if mismatch.cause == "values" and mismatch.expected is not None:
        return _value_cause(mismatch.got, mismatch.expected, grad, shape)
    return mismatch.cause


def cause_of(error):
    """What a failure's cause is: a Mismatch's (refined), an exception's from EXCEPTIONS, or None."""
    if hasattr(error, "cause"):
        return refine(error)
    student_type, message = getattr(error, "student_type", None), str(error)
    for type_name, text, cause in EXCEPTIONS:
        if student_type == type_name and text in message:
            return cause
    return None


def hint_for(test, error):
    """The hint for `error` in the test named `test`, or None (then the test's docstring hint is shown)."""
    cause = cause_of(error)
    if cause is None:
        return None
    call = getattr(error, "call", None)
    function = call.function if call is not None else str(error).split("(")[0]
    for key in (f"{test}:{cause}", f"{function}:{cause}", cause):
        if key in HINTS:
            return HINTS[key]
    return None
