# expected-failures: test_relu_shape, test_relu_values
# expected-hint: test_relu_shape: flattened
# expected-hint: test_relu_values: flattened
"""Flattens the input and never restores its shape."""
import numpy as np


def relu(x):
    return np.maximum(x.ravel(), 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
