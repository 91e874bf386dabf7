# expected-failures: test_linear_values
# expected-hint: test_linear_values: without the bias
"""Returns x @ W and forgets to add the bias."""
import numpy as np


def linear(x, W, b):
    return x @ W


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)
