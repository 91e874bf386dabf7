# expected-failures: test_backward_mask
# expected-hint: test_backward_mask: in place
"""Zeroes the blocked entries of grad_out in place and returns it."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    grad_out[x <= 0] = 0
    return grad_out
