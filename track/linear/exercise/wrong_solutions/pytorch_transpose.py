# expected-failures: test_linear_shape, test_linear_values
# expected-hint: test_linear_shape: transpose
# expected-hint: test_linear_values: nn.Linear
"""Copies PyTorch's nn.Linear, x @ W.T + b, whose weight is (outputs, inputs); this W is (inputs, outputs)."""
import numpy as np


def linear(x, W, b):
    return x @ W.T + b


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)
