# expected-failures: test_relu_shape, test_relu_values
"""Allocates until memory runs out. np.empty, not np.ones: writing gigabytes of ones takes longer than the
call's time limit on a slow machine, which made the verdict a race between MemoryError and the timeout."""
import numpy as np

HOARD = []


def relu(x):
    while True:
        HOARD.append(np.empty(50_000_000))


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
