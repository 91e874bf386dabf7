# expected-failures: test_relu_shape, test_relu_values
# expected-hint: test_relu_shape: .tolist()
# expected-hint: test_relu_values: .tolist()
"""Returns a Python list instead of an array."""
import numpy as np


def relu(x):
    return np.maximum(x, 0).tolist()


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
