# expected-failures: test_grad_b, test_finite_difference
# expected-hint: test_grad_b: mean over the batch
# expected-hint: test_finite_difference: mean over the batch
"""Takes the bias gradient as the mean of grad_out over the batch instead of the sum."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out, grad_out.mean(axis=0)
