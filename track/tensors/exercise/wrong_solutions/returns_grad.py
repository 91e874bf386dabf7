# expected-failures: test_result_shape, test_leading_axes, test_size_one_axes, test_scalar_shape, test_dtype_kept, test_finite_difference
# expected-hint: test_result_shape: nothing was summed
# expected-hint: test_leading_axes: nothing was summed
# expected-hint: test_size_one_axes: size 1 were not summed
# expected-hint: test_scalar_shape: nothing was summed
# expected-hint: test_finite_difference: nothing was summed
"""Returns grad as it is, as if the gradient of a broadcast input were the gradient of the result."""
import numpy as np


def unbroadcast(grad, shape):
    return grad.copy()
