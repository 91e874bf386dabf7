# expected-failures: test_relu_shape, test_relu_values
# expected-hint: test_relu_shape: shape ()
# expected-hint: test_relu_values: shape ()
"""A Python loop over the elements: right for 1-D input, breaks for 0-d and 2-D input."""
import numpy as np


def relu(x):
    out = np.empty_like(x)
    for i in range(len(x)):
        out[i] = x[i] if x[i] > 0 else 0.0
    return out


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
