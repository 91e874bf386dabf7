# expected-failures: test_result_shape, test_leading_axes, test_size_one_axes, test_scalar_shape, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: leading axes
# expected-hint: test_leading_axes: leading axes
# expected-hint: test_size_one_axes: leading axes
# expected-hint: test_scalar_shape: leading axes
# expected-hint: test_finite_difference: leading axes
"""Sums (and keeps) the axes where `shape` has size 1, lined up from the right, but never the added leading axes."""
import numpy as np


def unbroadcast(grad, shape):
    leading = grad.ndim - len(shape)
    axes = tuple(leading + i for i, n in enumerate(shape) if n == 1)
    return grad.sum(axis=axes, keepdims=True)
