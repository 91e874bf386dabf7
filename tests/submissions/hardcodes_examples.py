# expected-failures: test_relu_values, test_backward_mask, test_backward_finite_difference
"""Returns the statement's example answers for the example inputs and zeros for everything else."""
import numpy as np


def relu(x):
    if x.shape == (5,) and np.array_equal(x, [-2.0, -0.1, 0.0, 0.1, 5.0]):
        return np.array([0.0, 0.0, 0.0, 0.1, 5.0])
    return np.zeros_like(x)


def relu_backward(grad_out, x):
    if x.shape == (5,) and np.array_equal(x, [-1, 0, 2, -3, 4]):
        return np.array([0.0, 0.0, 1.0, 0.0, 1.0])
    return np.zeros_like(grad_out)
