"""ReLU forward and backward: fill in both functions."""
import numpy as np


def relu(x: np.ndarray) -> np.ndarray:
    """Return max(x, 0) elementwise.

    x: a NumPy array of any shape (also 0-d or empty).
    Returns a new array with the same shape and dtype as x; x itself is left unchanged.
    """
    raise NotImplementedError


def relu_backward(grad_out: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Return the gradient of the loss with respect to x.

    grad_out: dL/d relu(x), same shape as x.
    x: the input that was given to relu (not its output).
    The gradient passes through where x > 0 and is 0 where x <= 0 (also at exactly 0).
    """
    raise NotImplementedError
