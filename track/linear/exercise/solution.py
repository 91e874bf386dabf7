"""A linear layer, forward and backward: fill in both functions."""
import numpy as np


def linear(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return x @ W + b: the layer's output for a batch of examples, one example per row.

    x: shape (batch, inputs), one row per example.
    W: shape (inputs, outputs), the weights.
    b: shape (outputs,), the bias, added to every row.
    Returns a new array of shape (batch, outputs), of the inputs' dtype (float32 in, float32 out);
    x, W and b are left unchanged.
    """
    raise NotImplementedError


def linear_backward(grad_out: np.ndarray, x: np.ndarray, W: np.ndarray) -> tuple:
    """Return the tuple (grad_x, grad_W, grad_b): the gradients of the loss with respect to x, W and b.

    grad_out: dL/d(output), shape (batch, outputs).
    x: the input the forward pass received, shape (batch, inputs).
    W: the weights the forward pass used, shape (inputs, outputs).
    Each gradient has its variable's shape: grad_x (batch, inputs), grad_W (inputs, outputs),
    grad_b (outputs,); all three of grad_out's dtype. grad_out, x and W are left unchanged.
    """
    raise NotImplementedError
