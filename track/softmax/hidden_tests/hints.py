"""The hints students read when a test fails, chosen by what the check found (issue 22).

A check in expect.py raises a Mismatch that names its `cause`; `refine` below looks closer at the data: it
recomputes the usual wrong answers (a sum instead of a mean, softmax over the wrong axis, the neighbouring
class, no one-hot, ...) from the call's logits and labels, and names the one the result matches. An exception
raised by solution.py gets a cause from EXCEPTIONS. The hint is the first of HINTS["test:cause"],
HINTS["function:cause"] and HINTS["cause"] that exists; without one, the test's own `Hint:` docstring line is
shown. conftest.py attaches the hint to the failure. Hints teach the idea; they never give the code."""
import numpy as np

from expect import gradient, log_softmax, per_example

LOSS, BACKWARD = "softmax_cross_entropy", "softmax_cross_entropy_backward"

HINTS = {
    # The loss is not one float (expect.loss_result).
    "per_example": "You returned one loss per example. The function returns their mean over the batch: one "
                   "float (the training loop steps down one number).",
    "returned_array": "Return one float, not an array: float(x) turns a NumPy scalar or a 0-d array into one.",
    "returned_int": "The loss came back as an integer: return the float you computed, without rounding it.",
    "returned_none": "The function returned None: does every path through it end in a `return`?",
    f"{LOSS}:returned_list": "Return one float, the mean loss, not a list.",
    f"{LOSS}:not_array": "Return one float, the mean loss.",
    f"{LOSS}:returned_scalar": "Return the loss as a float (the mean of -log p), not a bool or a complex number.",
    # The gradient is not an array shaped like logits (expect.array_result).
    "returned_list": "It returned a Python list. Return a NumPy array of the shape of logits.",
    "returned_scalar": "It returned one number. The gradient has one entry for each logit: an array of shape "
                       "(batch, classes).",
    "not_array": "Return a NumPy array (np.ndarray) with the shape of logits.",
    "subclass": "Return a plain np.ndarray, not a subclass of it.",
    "reduced": "The gradient has fewer entries than logits. Every logit gets a gradient, not only the right "
               "class's: the wrong classes get their probability (over the batch), the right one its "
               "probability minus 1. Keep the shape (batch, classes).",
    "reshaped": "The gradient has every entry but the wrong shape: it must have the shape of logits, "
                "(batch, classes), one row per example.",
    "shape": "The gradient must have the shape of logits, (batch, classes).",
    "bool_result": "It returned True/False values; the gradient is floating point numbers.",
    "dtype": "The gradient is an array of floating point numbers.",
    # A value is wrong; refine() tells which kind of wrong.
    "overflow": "The result is inf or nan at huge logits: exp(1000) overflows to inf (and exp(-1000) "
                "underflows to 0), so softmax becomes inf/inf or 0/0. Subtract each row's max from its logits "
                "first: softmax does not change, and the largest exp is exp(0) = 1.",
    "log_of_zero": "The loss is inf where the right class's logit is far below the others' (-1000 against 0): "
                   "its probability underflows to 0 and log(0) is -inf. Do not take the log of softmax: compute "
                   "the log-probabilities directly with log-sum-exp, as the statement derives.",
    "eps_clipped": "The loss is far too small where the right class's logit is far below the others' (-1000 "
                   "against 0, where the loss is about 1000): adding a small epsilon to p, or clipping p, "
                   "caps -log(p) at about -log(epsilon). Compute log-probabilities directly with log-sum-exp, "
                   "with no epsilon.",
    "sum_not_mean": "The loss is batch times too large: you summed the examples' losses. The loss is their "
                    "mean, the sum divided by the batch size.",
    "mean_over_classes": "The loss is classes times too small: a mean over the whole (batch, classes) array "
                         "also divides by the number of classes. Take -log p of each row's right class, then "
                         "the mean over the batch.",
    f"{LOSS}:negated": "The loss came out negative: you returned the mean log-probability of the right class. "
                       "Cross-entropy is its negative, -log p, which is never below 0.",
    f"{BACKWARD}:negated": "The gradient has the wrong sign: you returned (onehot - softmax) / batch, the "
                           "direction to step in. The gradient itself is (softmax - onehot) / batch: raising the "
                           "right class's logit lowers the loss, so its entry is negative.",
    "wrong_class": "The result matches the neighbouring class (label - 1 or label + 1) instead of the label: "
                   "labels run from 0 to classes - 1, and labels[i] is the column of row i to pick, as is.",
    "wrong_axis": "Softmax went down the columns (axis 0) instead of along each row: each row of logits is one "
                  "example, and its classes are along axis 1. Take the max and the sum over axis 1.",
    "not_divided": "The gradient is batch times too large: the loss is a mean over the batch, so its "
                   "gradient is (softmax - onehot) divided by the batch size.",
    "forgot_onehot": "You returned softmax without subtracting the one-hot labels: in each row the right "
                     "class's entry is p - 1 (over the batch size), the others p.",
    "rows_not_zero": "A row of the gradient does not sum to 0. Each row is softmax (which sums to 1) minus a "
                     "one-hot row (which sums to 1), over the batch size.",
    "nan": "The result has nan where a number was due: look for inf / inf, 0 / 0, inf - inf or log of a "
           "negative number.",
    "inf": "The result is infinite where a finite number was due.",
    "mutated": "It changed its argument in place (subtracting the max in place, for instance); the caller "
               "still needs logits and labels. Compute new arrays and leave the inputs as they were.",
    # solution.py raised an exception (see EXCEPTIONS).
    "broadcast": "Shapes do not line up: a max or sum over axis 1 has shape (batch,), which does not broadcast "
                 "against logits' (batch, classes). Keep the reduced axis (keepdims=True) so that each row "
                 "meets its own max.",
    "label_index": "An index is out of range: labels run from 0 to classes - 1, and labels[i] picks the "
                   "column of row i as it is.",
    "axis": "An axis argument does not fit: logits has two axes, 0 (the examples) and 1 (the classes).",
    "np_undefined": "solution.py uses np without importing it: keep `import numpy as np` at the top.",
}

# (exception type, text in its message, cause): the first that fits names an exception's cause.
EXCEPTIONS = [
    ("ValueError", "could not be broadcast", "broadcast"),
    ("IndexError", "out of bounds", "label_index"),
    ("AxisError", "out of bounds", "axis"),
    ("NameError", "'np' is not defined", "np_undefined"),
]


def _loss_variants(logits, labels):
    """(cause, the loss that mistake returns) for the usual mistakes, most telling first."""
    rows, classes = logits.shape
    losses = per_example(logits, labels)
    yield "sum_not_mean", float(np.sum(losses))
    yield "mean_over_classes", float(np.mean(losses)) / classes
    yield "negated", -float(np.mean(losses))
    for shift in (-1, 1):
        yield "wrong_class", float(np.mean(per_example(logits, (labels + shift) % classes)))
    yield "wrong_axis", float(np.mean(per_example(logits, labels, axis=0)))


def _gradient_variants(logits, labels):
    rows = len(labels)
    right = gradient(logits, labels)
    yield "not_divided", right * rows
    yield "forgot_onehot", np.exp(log_softmax(logits)) / rows
    yield "forgot_onehot", np.exp(log_softmax(logits))
    yield "negated", -right
    for shift in (-1, 1):
        yield "wrong_class", gradient(logits, (labels + shift) % logits.shape[1])
    yield "wrong_axis", gradient(logits, labels, axis=0)


def _huge(logits):
    """Whether exp overflows somewhere, or underflows across a whole row."""
    return bool(np.max(logits) > 700 or np.any(np.max(logits, axis=1) < -700))


def refine(mismatch):
    """A closer cause for a wrong value: the usual mistake whose result it matches, if any."""
    arrays = mismatch.call.arrays if mismatch.call is not None else {}
    logits, labels = arrays.get("logits"), arrays.get("labels")
    if mismatch.cause not in ("values", "nan", "inf", "rows_not_zero") or logits is None or labels is None:
        return mismatch.cause
    got = np.asarray(mismatch.got, dtype=float)
    if not np.all(np.isfinite(got)):
        if _huge(logits):
            return "overflow"
        return "log_of_zero" if mismatch.call.function == LOSS else mismatch.cause
    if mismatch.call.function == LOSS:
        for cause, value in _loss_variants(logits, labels):
            if np.isclose(got, value, rtol=1e-6, atol=1e-6):
                return cause
        expected = float(mismatch.expected)
        if expected > 50 and 0 <= got < expected / 2:
            return "eps_clipped"
        return mismatch.cause
    for cause, value in _gradient_variants(logits, labels):
        if np.allclose(got, value, rtol=0.0, atol=1e-6):
            return cause
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
