# expected-failures: test_relu_shape, test_relu_values
# expected-hint: test_relu_shape: reduce
# expected-hint: test_relu_values: reduce
"""Confuses np.max (a reduction along an axis) with np.maximum (elementwise)."""
import numpy as np


def relu(x):
    return np.max(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
