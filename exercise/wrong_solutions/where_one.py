# expected-failures: test_backward_mask, test_backward_at_zero, test_backward_finite_difference
# expected-hint: test_backward_mask: must be 0 there
# expected-hint: test_backward_at_zero: exactly 0
# expected-hint: test_backward_finite_difference: must be 0 there
"""Writes the blocked gradient as 1 instead of 0."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return np.where(x > 0, grad_out, 1)
