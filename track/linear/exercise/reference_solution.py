"""Reference solution: never shipped to students."""
import numpy as np

from tensors import unbroadcast


def linear(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return x @ W + b


def linear_backward(grad_out: np.ndarray, x: np.ndarray, W: np.ndarray) -> tuple:
    grad_x = grad_out @ W.T
    grad_W = x.T @ grad_out
    grad_b = unbroadcast(grad_out, (W.shape[1],))  # b was broadcast to every row: step 1 sums it back
    return grad_x, grad_W, grad_b
