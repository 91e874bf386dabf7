# expected-failures:
"""Prints on every call, and prints something that looks like a verdict: printing changes nothing."""
import numpy as np

print("5 passed, 0 failed")


def relu(x):
    print("relu got", x.shape)
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    print('{"status": "pass"}')
    return grad_out * (x > 0)
