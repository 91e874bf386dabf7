# expected-failures: test_relu_values
# expected-hint: test_relu_values: -inf * 0 is nan
"""x * (x > 0) looks right, but -inf * 0 is nan, so relu(-inf) comes out as nan instead of 0."""
import numpy as np


def relu(x):
    return x * (x > 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
