# expected-failures: test_relu_shape, test_relu_values
# expected-hint: test_relu_shape: return
# expected-hint: test_relu_values: return
"""Computes the result in relu but never returns it, so relu returns None."""
import numpy as np


def relu(x):
    np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
