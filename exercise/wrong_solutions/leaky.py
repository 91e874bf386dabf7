# expected-failures: test_relu_values, test_backward_mask, test_backward_at_zero, test_backward_finite_difference
# expected-hint: test_relu_values: LeakyReLU
# expected-hint: test_backward_mask: LeakyReLU
# expected-hint: test_backward_at_zero: exactly 0
# expected-hint: test_backward_finite_difference: LeakyReLU
"""Implements LeakyReLU (slope 0.01 for negatives) instead of ReLU."""
import numpy as np


def relu(x):
    return np.where(x > 0, x, 0.01 * x)


def relu_backward(grad_out, x):
    return np.where(x > 0, grad_out, 0.01 * grad_out)
