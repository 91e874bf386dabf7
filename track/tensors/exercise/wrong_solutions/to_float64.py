# expected-failures: test_dtype_kept
# expected-hint: test_dtype_kept: float64
"""Right values, but the result is made with np.zeros(shape), which is float64 whatever grad's dtype is."""
import numpy as np


def unbroadcast(grad, shape):
    leading = grad.ndim - len(shape)
    axes = tuple(range(leading)) + tuple(leading + i for i, n in enumerate(shape) if n == 1)
    out = np.zeros(shape)
    out += grad.sum(axis=axes, keepdims=True).reshape(shape)
    return out
