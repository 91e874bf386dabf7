# expected-failures: test_backward_shapes, test_grad_b, test_finite_difference
# expected-hint: test_backward_shapes: grad_out's shape
# expected-hint: test_grad_b: grad_out's shape
# expected-hint: test_finite_difference: grad_out's shape
"""Returns grad_out itself as the bias gradient ("d(x @ W + b)/db is 1"), without summing over the batch."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out, grad_out.copy()
