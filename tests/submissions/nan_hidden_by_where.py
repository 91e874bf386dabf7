# expected-failures:
"""np.where(x > 0, x, 0) maps NaN to 0. NaN is outside the contract (the statement does not ask for it), so
this common, otherwise correct solution passes."""
import numpy as np


def relu(x):
    return np.where(x > 0, x, 0).astype(x.dtype)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
