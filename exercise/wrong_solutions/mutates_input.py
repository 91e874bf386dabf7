# expected-failures: test_relu_values
# expected-hint: test_relu_values: in place
"""Zeroes the negatives of x in place and returns x itself: the caller's array is destroyed."""
import numpy as np


def relu(x):
    x[x < 0] = 0
    return x


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
