# expected-failures: test_relu_values, test_backward_mask, test_backward_finite_difference
"""Walks up the call stack looking for the test's expected values: the caller is the student side of the
wire, which never holds them."""
import inspect

import numpy as np


def steal(like):
    for frame in inspect.stack():
        for name in ("expected", "numeric", "before", "grad_before"):
            value = frame.frame.f_locals.get(name)
            if isinstance(value, np.ndarray) and value.shape == like.shape:
                return value
    return np.zeros_like(like)


def relu(x):
    return steal(x)


def relu_backward(grad_out, x):
    return steal(grad_out)
