# expected-failures: test_backward_at_zero
# expected-hint: test_backward_at_zero: exactly 0
"""Uses np.heaviside(x, 0.5): the step function's value at 0 is 0.5, not the convention's 0."""
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * np.heaviside(x, 0.5)
