# expected-failures: test_result_shape, test_leading_axes, test_size_one_axes, test_scalar_shape, test_same_shape, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: only axis 0
# expected-hint: test_leading_axes: only axis 0
# expected-hint: test_size_one_axes: only axis 0
# expected-hint: test_scalar_shape: only axis 0
# expected-hint: test_same_shape: only axis 0
# expected-hint: test_dtype_kept: only axis 0
# expected-hint: test_finite_difference: only axis 0
"""The bias shortcut grad.sum(axis=0), right for shape (n,) under an (m, n) grad and wrong for every other case."""
import numpy as np


def unbroadcast(grad, shape):
    return grad.sum(axis=0)
