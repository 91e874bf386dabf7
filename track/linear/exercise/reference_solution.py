"""Reference solution: never shipped to students."""
import numpy as np


def linear(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return x @ W + b


def linear_backward(grad_out: np.ndarray, x: np.ndarray, W: np.ndarray) -> tuple:
    grad_x = grad_out @ W.T
    grad_W = x.T @ grad_out
    grad_b = grad_out.sum(axis=0)  # what step 1's unbroadcast does to grad_out for b's shape
    return grad_x, grad_W, grad_b
