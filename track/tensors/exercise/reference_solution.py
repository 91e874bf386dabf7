"""Reference solution: never shipped to students."""
import numpy as np


def unbroadcast(grad: np.ndarray, shape: tuple) -> np.ndarray:
    leading = grad.ndim - len(shape)
    axes = tuple(range(leading)) + tuple(leading + i for i, n in enumerate(shape) if n == 1)
    return grad.sum(axis=axes, keepdims=True).reshape(shape)
