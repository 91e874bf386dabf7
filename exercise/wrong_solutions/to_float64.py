# expected-failures: test_relu_values
# expected-hint: test_relu_values: float32 input came back as float64
"""Correct values, but float32 input comes back as float64."""
import numpy as np


def relu(x):
    return np.maximum(x.astype(float), 0.0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
