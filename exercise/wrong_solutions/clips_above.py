# expected-failures: test_relu_values
# expected-hint: test_relu_values: no upper limit
"""Clips from above as well (ReLU6: np.clip(x, 0, 6)): large positive inputs come back as 6."""
import numpy as np


def relu(x):
    return np.clip(x, 0, 6)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
