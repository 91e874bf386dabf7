# expected-failures: test_result_shape, test_size_one_axes, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: size 1 were not summed
# expected-hint: test_size_one_axes: size 1 were not summed
# expected-hint: test_dtype_kept: size 1 were not summed
# expected-hint: test_finite_difference: size 1 were not summed
"""Sums the leading axes broadcasting added, but forgets the axes where `shape` has size 1."""
import numpy as np


def unbroadcast(grad, shape):
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    return grad
