# expected-failures: test_linear_shape, test_linear_values
# expected-hint: test_linear_shape: element by element
# expected-hint: test_linear_values: x * W + b
"""Uses * (elementwise) for the product: a shape error unless the sizes are square, wrong values then."""
import numpy as np


def linear(x, W, b):
    return x * W + b


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)
