# expected-failures: test_result_shape, test_scalar_shape, test_same_shape, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: plain Python number
# expected-hint: test_scalar_shape: plain Python number
# expected-hint: test_same_shape: plain Python number
# expected-hint: test_dtype_kept: plain Python number
# expected-hint: test_finite_difference: plain Python number
"""Right in general, but for shape () it returns .item(), a Python float, instead of a NumPy value."""
import numpy as np


def unbroadcast(grad, shape):
    if shape == ():
        return grad.sum().item()
    leading = grad.ndim - len(shape)
    axes = tuple(range(leading)) + tuple(leading + i for i, n in enumerate(shape) if n == 1)
    return grad.sum(axis=axes, keepdims=True).reshape(shape)
