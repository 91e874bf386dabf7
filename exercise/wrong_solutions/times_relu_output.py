# expected-failures: test_backward_mask, test_backward_finite_difference
# expected-hint: test_backward_mask: derivative of ReLU is 1
# expected-hint: test_backward_finite_difference: derivative of ReLU is 1
"""Multiplies grad_out by relu(x) instead of by relu's derivative (1 where x > 0, else 0)."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * np.maximum(x, 0)
