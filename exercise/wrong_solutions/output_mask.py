# expected-failures: test_backward_mask, test_backward_finite_difference
# expected-hint: test_backward_mask: forward input
# expected-hint: test_backward_finite_difference: forward input
"""Written for the forward *output* y = relu(x): `y != 0` is a fine mask on y, but on x it lets the
gradient through for negative inputs too."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    y = x  # meant to be relu's output
    return grad_out * (y != 0)
