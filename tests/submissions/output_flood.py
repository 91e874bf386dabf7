# expected-failures:
"""Prints 50 MB at import and some more in every call; the output is capped, the verdict unchanged."""
import numpy as np

print("x" * 50_000_000)


def relu(x):
    print("y" * 100_000)
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
