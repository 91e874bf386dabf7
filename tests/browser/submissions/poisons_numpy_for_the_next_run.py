# expected-failures:
"""Passes, but leaves its interpreter poisoned: NumPy's maximum returns zeros and the global RNG is seeded.
The page reuses a student interpreter only when a run left it as it was, so the next solution, which relies
on np.maximum, still gets the real one."""
import numpy as np

np.random.seed(0)
np.maximum = lambda a, b, *args, **kwargs: np.zeros_like(a)


def relu(x):
    return np.where(x > 0, x, np.zeros_like(x))


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
