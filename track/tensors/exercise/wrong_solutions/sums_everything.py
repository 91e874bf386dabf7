# expected-failures: test_result_shape, test_leading_axes, test_size_one_axes, test_same_shape, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: one number
# expected-hint: test_leading_axes: one number
# expected-hint: test_size_one_axes: one number
# expected-hint: test_same_shape: one number
# expected-hint: test_finite_difference: one number
"""np.sum(grad) with no axis: the whole gradient summed into one number, whatever `shape` is."""
import numpy as np


def unbroadcast(grad, shape):
    return np.sum(grad)
