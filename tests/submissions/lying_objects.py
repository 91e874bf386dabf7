# expected-failures: test_relu_shape, test_relu_values, test_backward_mask, test_backward_at_zero, test_backward_finite_difference
"""Returns objects whose __eq__, __array__, __bool__ and shape all lie."""
import numpy as np


class Liar:
    def __init__(self, like):
        self.shape = like.shape
        self.dtype = like.dtype

    def __eq__(self, other):
        return True

    def __bool__(self):
        return True

    def __array__(self, dtype=None, copy=None):
        return np.zeros(self.shape)

    def __len__(self):
        return len(self.shape)


def relu(x):
    return Liar(x)


def relu_backward(grad_out, x):
    return Liar(grad_out)
