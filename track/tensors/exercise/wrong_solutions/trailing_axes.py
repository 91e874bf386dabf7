# expected-failures: test_result_shape, test_leading_axes, test_size_one_axes, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: wrong end
# expected-hint: test_leading_axes: wrong end
# expected-hint: test_size_one_axes: wrong end
# expected-hint: test_dtype_kept: wrong end
# expected-hint: test_finite_difference: wrong end
"""Lines the shapes up from the left: sums grad's LAST extra axes away instead of its leading ones."""
import numpy as np


def unbroadcast(grad, shape):
    extra = tuple(range(len(shape), grad.ndim))
    grad = grad.sum(axis=extra)
    axes = tuple(i for i, n in enumerate(shape) if n == 1)
    return grad.sum(axis=axes, keepdims=True)
