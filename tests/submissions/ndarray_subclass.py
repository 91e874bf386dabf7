# expected-failures: test_relu_shape, test_relu_values
"""Returns its own ndarray subclass (whose comparisons could lie); only plain arrays are accepted."""
import numpy as np


class Tensor(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)


def relu(x):
    return np.maximum(x, 0).view(Tensor)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
