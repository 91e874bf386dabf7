# expected-failures: test_backward_shapes
# expected-hint: test_backward_shapes: float32 input came back as float64
"""Sums the rows of grad_out into np.zeros(outputs), which is float64: float32 input gives a float64 grad_b."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    grad_b = np.zeros(W.shape[1])
    for row in grad_out:
        grad_b += row
    return grad_out @ W.T, x.T @ grad_out, grad_b
