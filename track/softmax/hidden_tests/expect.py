"""Checks with messages a student can act on: which input, what was expected, what came back, where. Each
failure is a Mismatch that names what the check found (its `cause`), so that hints.py can pick a hint.
What every step shares (Mismatch, Call, ...) is track/support/step_checks.py's. Also
the tests' own stable maths (log_softmax, mean_loss, gradient), which hints.py reuses to name a mistake."""
import numpy as np

from step_checks import Call, Mismatch, describe, not_an_array_cause, show, unchanged  # noqa: F401 (tests import them here)


# -- the tests' reference maths (float64, stable at any logits) -------------------------------------------
def log_softmax(logits, axis=1):
    """log p for each row (or column, axis=0): z - max - log(sum(exp(z - max)))."""
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def per_example(logits, labels, axis=1):
    """-log p[i, labels[i]] for each example i."""
    return -log_softmax(logits, axis)[np.arange(len(labels)), labels]


def mean_loss(logits, labels):
    return float(np.mean(per_example(logits, labels)))


def gradient(logits, labels, axis=1):
    """(softmax(logits) - onehot(labels)) / batch."""
    grad = np.exp(log_softmax(logits, axis))
    grad[np.arange(len(labels)), labels] -= 1.0
    return grad / len(labels)


# -- describing values ------------------------------------------------------------------------------------
def _shape_cause(got_shape, expected_shape):
    got_size, expected_size = int(np.prod(got_shape)), int(np.prod(expected_shape))
    if got_size < expected_size:
        return "reduced"
    return "reshaped" if got_size == expected_size else "shape"


# -- the gradient: an array shaped like logits -----------------------------------------------------------------
def array_result(got, call, *, expected_shape):
    """Fail unless `got` is a plain NumPy array of the expected shape (the shape of logits)."""
    foreign = getattr(got, "foreign_type", None)
    if foreign is not None:
        raise Mismatch(f"{call} returned a {foreign}, a subclass of np.ndarray; return a plain np.ndarray",
                       "subclass", got=got, call=call)
    if not isinstance(got, (np.ndarray, np.generic)):
        raise Mismatch(f"{call} returned a {describe(got)}; it should return a NumPy array of shape "
                       f"{expected_shape}", not_an_array_cause(got), got=got, call=call)
    if np.shape(got) != expected_shape:
        raise Mismatch(f"{call} returned shape {np.shape(got)}, but logits has shape {expected_shape}: the "
                       "gradient has one entry for each logit, so it has the shape of logits",
                       _shape_cause(np.shape(got), expected_shape), got=got, call=call)


def _value_cause(got, wrong):
    """nan or inf where a number was due, else plain values."""
    index = tuple(np.argwhere(wrong)[0])
    if np.isnan(got[index]):
        return "nan"
    return "inf" if np.isinf(got[index]) else "values"


def same_values(got, expected, call, *, atol):
    """Fail unless `got` has `expected`'s shape and its values within atol."""
    array_result(got, call, expected_shape=expected.shape)
    got = np.asarray(got)
    if got.dtype.kind not in "iuf":
        raise Mismatch(f"{call} returned an array of dtype {got.dtype}; expected floating point numbers",
                       "bool_result" if got.dtype.kind == "b" else "dtype", got=got, expected=expected, call=call)
    close = np.isclose(got, expected, rtol=0.0, atol=atol)
    if not np.all(close):
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        raise Mismatch(f"{call}: wrong value at index {index}: expected {expected[index]:.6g}, got "
                       f"{got[index]:.6g} (tolerance {atol:g}). {int((~close).sum())} of {close.size} "
                       f"elements differ.\nexpected: {show(expected)}\ngot:      {show(got)}",
                       _value_cause(got, ~close), got=got, expected=expected, call=call, wrong=~close, atol=atol)


def rows_sum_to_zero(got, call, *, atol):
    """Fail unless every row of the gradient `got` (checked to be an array shaped like logits) sums to 0."""
    sums = np.sum(np.asarray(got, dtype=float), axis=1)
    bad = ~(np.abs(sums) <= atol)  # nan counts as bad
    if np.any(bad):
        row = int(np.argwhere(bad)[0][0])
        raise Mismatch(f"{call}: row {row} of the gradient sums to {sums[row]:.6g}, not 0 (tolerance {atol:g}). "
                       f"Row sums: {show(sums)}\ngot: {show(got)}", "rows_not_zero", got=np.asarray(got),
                       expected=None, call=call)


# -- the loss: one float ---------------------------------------------------------------------------------------
def loss_result(got, call, *, batch):
    """Fail unless `got` is one floating point number: a Python float or a NumPy float scalar (np.float64 is
    a float; np.float32 is accepted too). Arrays are refused, 0-d ones included."""
    if isinstance(got, (float, np.floating)):
        return float(got)
    if isinstance(got, np.ndarray):
        if got.shape == (batch,) and batch > 1:
            raise Mismatch(f"{call} returned a {describe(got)}: one loss for each example. It should return "
                           "their mean over the batch, one float", "per_example", got=got, call=call)
        raise Mismatch(f"{call} returned a {describe(got)}; it should return one float (float(x) turns a "
                       "NumPy scalar or a 0-d array into one)", "returned_array", got=got, call=call)
    cause = "returned_int" if isinstance(got, (int, np.integer)) and not isinstance(got, bool) else not_an_array_cause(got)
    raise Mismatch(f"{call} returned a {describe(got)}; it should return one float, the mean loss",
                   "returned_none" if got is None else cause, got=got, call=call)


def same_loss(got, expected, call, *, atol=1e-6, rtol=1e-6):
    """Fail unless `got` is a float within max(atol, rtol * |expected|) of `expected`."""
    batch = len(call.arrays["labels"])
    value = loss_result(got, call, batch=batch)
    tolerance = max(atol, rtol * abs(expected))
    if not abs(value - expected) <= tolerance:  # nan is never close
        cause = "nan" if np.isnan(value) else "inf" if np.isinf(value) else "values"
        raise Mismatch(f"{call}: expected a loss of {expected:.6g} (the mean over {batch} example"
                       f"{'s' if batch > 1 else ''}), got {value:.6g} (tolerance {tolerance:.2g})", cause,
                       got=value, expected=np.array(expected), call=call, atol=tolerance)


