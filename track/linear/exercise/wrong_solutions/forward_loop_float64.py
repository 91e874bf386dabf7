# expected-failures: test_linear_values
# expected-hint: test_linear_values: float32 input came back as float64
"""Fills the output row by row into np.zeros(...), which is float64: float32 input comes back float64."""
import numpy as np


def linear(x, W, b):
    out = np.zeros((x.shape[0], W.shape[1]))
    for n in range(x.shape[0]):
        out[n] = x[n] @ W + b
    return out


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)
