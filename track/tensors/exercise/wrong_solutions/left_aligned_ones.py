# expected-failures: test_result_shape, test_size_one_axes, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: right (trailing) end
# expected-hint: test_size_one_axes: right (trailing) end
# expected-hint: test_dtype_kept: right (trailing) end
# expected-hint: test_finite_difference: right (trailing) end
"""Sums the size-1 axes first, numbering them as in `shape` (from the left) while grad still has its leading axes
in front: the wrong axes of grad are summed whenever both kinds of broadcasting happened at once."""
import numpy as np


def unbroadcast(grad, shape):
    for i, n in enumerate(shape):
        if n == 1:
            grad = grad.sum(axis=i, keepdims=True)
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    return grad
