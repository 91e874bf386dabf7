# expected-failures: test_backward_shapes, test_grad_b, test_finite_difference
# expected-hint: test_backward_shapes: wrong axis
# expected-hint: test_grad_b: wrong axis
# expected-hint: test_finite_difference: wrong axis
"""Sums grad_out over the outputs (axis 1), giving one number per example, instead of over the batch."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=1)
