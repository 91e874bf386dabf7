# expected-failures: test_linear_shape, test_linear_values
# expected-hint: test_linear_shape: order of the factors
# expected-hint: test_linear_values: W @ x + b
"""Writes the textbook's column-vector form y = Wx + b: W @ x fits no shapes but square ones."""
import numpy as np


def linear(x, W, b):
    return W @ x + b


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)
