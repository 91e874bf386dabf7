# expected-failures: test_backward_shapes, test_grad_x, test_grad_W, test_finite_difference
# expected-hint: test_backward_shapes: swapped
# expected-hint: test_grad_x: swapped
# expected-hint: test_grad_W: swapped
# expected-hint: test_finite_difference: swapped
"""Right gradients, returned in the wrong order: (grad_W, grad_x, grad_b)."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    grad_x = grad_out @ W.T
    grad_W = x.T @ grad_out
    grad_b = grad_out.sum(axis=0)
    return grad_W, grad_x, grad_b
