# expected-failures: test_result_shape, test_leading_axes, test_size_one_axes, test_scalar_shape, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: reshape only rearranges
# expected-hint: test_leading_axes: reshape only rearranges
# expected-hint: test_size_one_axes: reshape only rearranges
# expected-hint: test_scalar_shape: reshape only rearranges
# expected-hint: test_finite_difference: reshape only rearranges
"""Reshapes grad to `shape` instead of summing: right when nothing was broadcast, an error otherwise."""
import numpy as np


def unbroadcast(grad, shape):
    return grad.reshape(shape)
