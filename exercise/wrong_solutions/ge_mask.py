# expected-failures: test_backward_at_zero
# expected-hint: test_backward_at_zero: exactly 0
"""Uses x >= 0 as the mask, so the gradient at exactly 0 is 1 instead of 0."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x >= 0)
