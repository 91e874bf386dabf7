# expected-failures: test_backward_mask, test_backward_at_zero, test_backward_finite_difference
# expected-hint: test_backward_mask: mask itself
# expected-hint: test_backward_at_zero: mask itself
# expected-hint: test_backward_finite_difference: mask itself
"""Returns the mask itself (a bool array) and forgets to multiply by grad_out."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return x > 0
