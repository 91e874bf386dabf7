# expected-failures: test_backward_shapes, test_grad_x, test_grad_W, test_grad_b, test_backward_unchanged, test_finite_difference
# expected-hint: test_backward_shapes: one NumPy array
# expected-hint: test_grad_x: one NumPy array
# expected-hint: test_grad_W: one NumPy array
# expected-hint: test_grad_b: one NumPy array
# expected-hint: test_backward_unchanged: one NumPy array
# expected-hint: test_finite_difference: one NumPy array
"""Packs the three gradients into np.array([...]): they have different shapes, so NumPy raises."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    return np.array([grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)])
