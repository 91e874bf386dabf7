# expected-failures: test_leading_axes, test_size_one_axes, test_scalar_shape
# expected-hint: test_leading_axes: in place
# expected-hint: test_size_one_axes: in place
# expected-hint: test_scalar_shape: in place
"""Adds each slice into the first one in place (grad[0] += grad[i]) and returns a view: right values, but the
caller's grad is overwritten."""
import numpy as np


def _sum_into_first(grad, axis):
    """Sum along `axis` by adding every slice into slice 0 of grad itself; a view of slice 0, length 1 kept."""
    moved = np.moveaxis(grad, axis, 0)  # a view: writing to it writes to grad
    for i in range(1, moved.shape[0]):
        moved[0] += moved[i]
    return np.moveaxis(moved[:1], 0, axis)


def unbroadcast(grad, shape):
    if grad.size == 0:
        return np.zeros(shape, dtype=grad.dtype)
    leading = grad.ndim - len(shape)
    for axis in range(leading):
        grad = _sum_into_first(grad, axis)
    for i, n in enumerate(shape):
        if n == 1:
            grad = _sum_into_first(grad, leading + i)
    return grad.reshape(shape)
