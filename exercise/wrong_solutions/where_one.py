# expected-failures: test_backward_mask, test_backward_at_zero, test_backward_finite_difference
"""Writes the blocked gradient as 1 instead of 0."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return np.where(x > 0, grad_out, 1)
