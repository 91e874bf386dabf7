# expected-failures: test_relu_shape, test_relu_values
"""Raises the recursion limit and recurses through C code (comparing two deeply nested lists), overflowing
the C stack: the interpreter dies (a crash in CPython, a fatal error in Pyodide); the other tests run in a
fresh one. Comparison rather than repr: repr's cycle check makes each level slower than the last, so the
crash took over 2 s in CPython and raced the 3 s call limit on a loaded machine."""
import sys

import numpy as np

sys.setrecursionlimit(10 ** 7)


def relu(x):
    a = b = None
    for _ in range(200_000):
        a, b = [a], [b]
    return a == b


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
