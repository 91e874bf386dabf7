# expected-failures: test_backward_shapes, test_grad_x, test_grad_W, test_grad_b, test_finite_difference
# expected-hint: test_backward_shapes: exactly three
# expected-hint: test_grad_x: exactly three
# expected-hint: test_grad_W: exactly three
# expected-hint: test_grad_b: exactly three
# expected-hint: test_finite_difference: exactly three
"""Returns only (grad_x, grad_W): b is not an argument of linear_backward, so its gradient was forgotten."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    return grad_out @ W.T, x.T @ grad_out
