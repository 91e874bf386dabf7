"""The hints students read when a test fails, chosen by what the check found (issue 22).

A check in expect.py raises a Mismatch that names its `cause`; `refine` below looks closer at the data for
this exercise (is only x == 0 wrong? are the negatives scaled?); an exception raised by solution.py gets a
cause from EXCEPTIONS. The hint is the first of HINTS["test:cause"], HINTS["function:cause"] and
HINTS["cause"] that exists; without one, the test's own `Hint:` docstring line is shown. conftest.py
attaches the hint to the failure. Hints teach the idea; they never give the code of the answer."""
import numpy as np

HINTS = {
    # What came back is not an array of the input's shape (expect.array_result).
    "returned_none": "The function returned None: does every path through it end in a `return`?",
    "returned_list": "It returned a Python list. Return a NumPy array: a list built in a loop or made with "
                     ".tolist() loses the shape, the dtype and NumPy's arithmetic.",
    "returned_scalar": "It returned a plain Python number, not a NumPy array: .tolist(), float() or int() make "
                       "one from a 0-d array (and a list from a bigger one). Return the array NumPy computed.",
    "not_array": "Return a NumPy array (np.ndarray) with one element for each element of the input.",
    "subclass": "Return a plain np.ndarray, not a subclass of it.",
    "reduced": "The result has fewer elements than the input: something reduced it (np.max, sum, min "
               "combine elements along an axis). ReLU works element by element: each element is compared "
               "with 0 on its own, so the shape stays the same.",
    "reshaped": "The result has every element but a different shape: something flattened or reshaped it "
                "(ravel, flatten, reshape, or a list filled in a loop). An elementwise function keeps the "
                "input's shape, for 0-d, empty and n-d arrays alike.",
    "shape": "The output must have exactly the input's shape, whatever that shape is (0-d, empty, n-d).",
    # What came back has the wrong kind of numbers (expect.same_values).
    "bool_result": "It returned True/False values: a comparison says where ReLU lets values through, not "
                   "what comes out. The result must be numbers.",
    "relu_backward:bool_result": "relu_backward returned the mask itself (True/False). The mask says where "
                                 "the gradient flows; what flows there is grad_out's value, and 0 elsewhere.",
    "int_result": "The values came back as integers, so fractions were cut off: keep the input's floating "
                  "point dtype (nothing in ReLU needs a conversion).",
    "widened": "float32 input came back as float64: something converted it (astype(float), a float64 array "
               "mixed in, np.zeros without a dtype). Keep the input's dtype: a float32 network stays float32.",
    "narrowed": "The result has a smaller dtype than the input, which loses precision: keep the input's dtype.",
    "dtype": "Keep the input's dtype: the result is an array of the same kind of numbers as the input.",
    # A value is wrong (expect.same_values); refine() below tells which kind of wrong.
    "nan_from_inf": "Where the input is infinite the result is nan: multiplying by a 0/1 mask fails there, "
                    "since -inf * 0 is nan in floating point. Choose each element's value instead of "
                    "multiplying by a mask.",
    "nan": "The result has nan where a number was due: look for 0 * inf, inf - inf or 0 / 0.",
    "inf": "The result is infinite where a finite number was due.",
    "mutated": "It changed its argument in place; the caller still needs it (the backward pass reads the "
               "same x, and other layers read grad_out). Compute a new array and leave the inputs as they were.",
    "wrong_at_zero": "Wrong where x is exactly 0. ReLU has a kink there, and the convention (PyTorch, JAX, "
                     "TensorFlow) is a gradient of 0 at x = 0: the gradient flows only where x is strictly "
                     "greater than 0.",
    "negatives_kept": "Negative inputs came through unchanged: ReLU turns every negative value into 0.",
    "negatives_scaled": "Negative inputs came out scaled by a small slope: that is LeakyReLU, a different "
                        "function. ReLU gives exactly 0 for negative x.",
    "relu_backward:negatives_scaled": "Where x < 0 the gradient came out scaled by a small slope: that is "
                                      "LeakyReLU's gradient. ReLU's gradient is exactly 0 where x < 0.",
    "negatives_not_zero": "Wrong values where x is negative: ReLU gives exactly 0 for every x < 0.",
    "blocked_passes": "The gradient passed through where x < 0. relu_backward receives the forward input x "
                      "(not relu's output): the gradient flows only where x > 0.",
    "blocked_not_zero": "Where x < 0 the gradient is blocked: it must be 0 there, whatever grad_out is.",
    "clipped_above": "Large positive inputs came back smaller: ReLU has no upper limit (ReLU6 and clipping "
                     "do). Positive values pass through unchanged.",
    "times_x": "Where x > 0 the gradient came out multiplied by x. The derivative of ReLU is 1 for x > 0 (the "
               "slope of the line y = x), so grad_out passes through unchanged there.",
    "positives_changed": "Wrong values where x > 0: there ReLU passes its input (and relu_backward its "
                         "gradient) through unchanged.",
    # solution.py raised an exception (see EXCEPTIONS).
    "zero_d": "The input can be a 0-d array (a single number, shape ()), which has no len() and cannot be "
              "looped over. NumPy's elementwise operations work on every shape at once, without a loop.",
    "if_on_array": "An `if` got a whole array of True/False values, which Python cannot turn into one answer. "
                   "Decide element by element with NumPy's elementwise operations, not with `if`.",
    "axis": "An axis argument does not fit this input: np.max and friends reduce along an axis, while ReLU "
            "compares each element with 0 on its own.",
    "np_undefined": "solution.py uses np without importing it: keep `import numpy as np` at the top.",
}

# (exception type, text in its message, cause): the first that fits names an exception's cause.
EXCEPTIONS = [
    ("TypeError", "unsized object", "zero_d"),
    ("TypeError", "0-d array", "zero_d"),
    ("ValueError", "truth value of an array", "if_on_array"),
    ("AxisError", "out of bounds", "axis"),
    ("ValueError", "zero-size array to reduction operation", "reduced"),
    ("NameError", "'np' is not defined", "np_undefined"),
]


def refine(mismatch):
    """A closer cause for a wrong value, from where the wrong elements are (by the sign of the input x)."""
    arrays = mismatch.call.arrays if mismatch.call is not None else {}
    x, grad_out = arrays.get("x"), arrays.get("grad_out")
    if mismatch.cause != "values" or x is None or mismatch.wrong is None or np.shape(x) != mismatch.wrong.shape:
        return mismatch.cause
    wrong = mismatch.wrong
    got = np.asarray(mismatch.got, dtype=float)[wrong]
    expected = np.asarray(mismatch.expected, dtype=float)[wrong]
    at = np.asarray(x, dtype=float)[wrong]
    passing = at if grad_out is None else np.asarray(grad_out, dtype=float)[wrong]  # what flows where open
    if np.all(at == 0):
        return "wrong_at_zero"
    if np.all(at <= 0):
        if np.allclose(got, passing):
            return "negatives_kept" if grad_out is None else "blocked_passes"
        usable = (passing != 0) & np.isfinite(passing) & np.isfinite(got)
        slope = got[usable] / passing[usable]
        # one element shows no slope: any wrong value is some multiple of what flowed there
        if slope.size > 1 and np.allclose(slope, slope[0]) and 0 < abs(slope[0]) < 1:
            return "negatives_scaled"
        return "negatives_not_zero" if grad_out is None else "blocked_not_zero"
    if np.all(at > 0):
        if grad_out is not None and np.allclose(got, passing * at):
            return "times_x"
        if grad_out is None and np.all(got < expected) and np.all(got == got.max()):
            return "clipped_above"
        return "positives_changed"
    return "values"


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
