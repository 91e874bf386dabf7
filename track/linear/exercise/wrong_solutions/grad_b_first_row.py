# expected-failures: test_grad_b, test_finite_difference
# expected-hint: test_grad_b: first row
# expected-hint: test_finite_difference: first row
"""Takes grad_out's first row as the bias gradient: right for a batch of one example only."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out, grad_out[0].copy()
