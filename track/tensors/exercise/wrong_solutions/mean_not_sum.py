# expected-failures: test_leading_axes, test_size_one_axes, test_scalar_shape, test_finite_difference
# expected-hint: test_leading_axes: mean, not the sum
# expected-hint: test_size_one_axes: mean, not the sum
# expected-hint: test_scalar_shape: mean, not the sum
# expected-hint: test_finite_difference: mean, not the sum
"""Right axes, but averages over them (np.mean) instead of summing: each use of an input adds its own share."""
import numpy as np


def unbroadcast(grad, shape):
    leading = grad.ndim - len(shape)
    axes = tuple(range(leading)) + tuple(leading + i for i, n in enumerate(shape) if n == 1)
    return grad.mean(axis=axes, keepdims=True).reshape(shape)
