# expected-status: error
import numpy as np

WEIGHTS = np.load("weights.npy")  # no such file: FileNotFoundError at import


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
