# expected-failures: test_backward_shapes, test_grad_W, test_finite_difference
# expected-hint: test_backward_shapes: W's shape the wrong way round
# expected-hint: test_grad_W: transpose of the right gradient
# expected-hint: test_finite_difference: W's shape the wrong way round
"""Computes grad_W as grad_out.T @ x: the transpose of the right gradient, shape (outputs, inputs)."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    grad_x = grad_out @ W.T
    grad_W = grad_out.T @ x
    grad_b = grad_out.sum(axis=0)
    return grad_x, grad_W, grad_b
