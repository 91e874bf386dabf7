# expected-failures: test_relu_values
# expected-hint: test_relu_values: integers
"""Casts the result to int: the shape is right, but fractions are cut off and the dtype is lost."""
import numpy as np


def relu(x):
    return np.maximum(x, 0).astype(int)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
