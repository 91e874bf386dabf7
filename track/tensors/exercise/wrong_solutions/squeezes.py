# expected-failures: test_result_shape, test_size_one_axes, test_same_shape, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: dropped
# expected-hint: test_size_one_axes: dropped
# expected-hint: test_same_shape: dropped
# expected-hint: test_dtype_kept: dropped
# expected-hint: test_finite_difference: dropped
"""Sums the right axes, then squeezes the result: every axis of length 1 is gone, though `shape` has it."""
import numpy as np


def unbroadcast(grad, shape):
    leading = grad.ndim - len(shape)
    axes = tuple(range(leading)) + tuple(leading + i for i, n in enumerate(shape) if n == 1)
    return np.squeeze(grad.sum(axis=axes, keepdims=True))
