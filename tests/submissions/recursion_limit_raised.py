# expected-failures: test_relu_shape, test_relu_values
"""Raises the recursion limit and recurses through C code (repr of a deeply nested list), overflowing the C
stack: the interpreter dies (a crash in CPython, a fatal error in Pyodide); the other tests run in a fresh one."""
import sys

import numpy as np

sys.setrecursionlimit(10 ** 7)


def relu(x):
    nested = []
    for _ in range(1_000_000):
        nested = [nested]
    return repr(nested)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
