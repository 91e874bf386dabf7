# expected-failures: test_relu_shape, test_relu_values
"""Returns a Python float for every input: a scalar where an array is expected."""
import numpy as np


def relu(x):
    return float(np.max(np.maximum(x, 0), initial=0.0))


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
