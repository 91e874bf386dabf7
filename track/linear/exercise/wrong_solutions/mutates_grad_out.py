# expected-failures: test_backward_unchanged
# expected-hint: test_backward_unchanged: in place
"""Sums the rows into grad_out[0], a view of grad_out: grad_b is right, but the caller's grad_out changes."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    grad_x = grad_out @ W.T
    grad_W = x.T @ grad_out
    grad_b = grad_out[0]
    for row in grad_out[1:]:
        grad_b += row
    return grad_x, grad_W, grad_b
