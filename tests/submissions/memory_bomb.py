# expected-failures: test_relu_shape, test_relu_values
"""Allocates until memory runs out."""
import numpy as np

HOARD = []


def relu(x):
    while True:
        HOARD.append(np.ones(50_000_000))


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
