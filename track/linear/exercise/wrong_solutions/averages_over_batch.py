# expected-failures: test_grad_W, test_grad_b, test_finite_difference
# expected-hint: test_grad_W: divided by the batch size
# expected-hint: test_grad_b: mean over the batch
# expected-hint: test_finite_difference: divided by the batch size
"""Averages over the batch ("the loss is a mean"): grad_W divided by the batch size, grad_b a mean."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    batch = x.shape[0]
    grad_x = grad_out @ W.T
    grad_W = x.T @ grad_out / batch
    grad_b = grad_out.mean(axis=0)
    return grad_x, grad_W, grad_b
