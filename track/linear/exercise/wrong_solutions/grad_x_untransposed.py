# expected-failures: test_backward_shapes, test_grad_x, test_grad_W, test_grad_b, test_backward_unchanged, test_finite_difference
# expected-hint: test_backward_shapes: inner sizes must agree
# expected-hint: test_grad_x: W not transposed
# expected-hint: test_grad_W: inner sizes must agree
# expected-hint: test_grad_b: inner sizes must agree
# expected-hint: test_backward_unchanged: inner sizes must agree
# expected-hint: test_finite_difference: inner sizes must agree
"""Forgets the transpose in grad_x: grad_out @ W fits only when inputs = outputs, so the whole function
raises on other sizes (every backward test fails), and gives wrong values on square ones."""
import numpy as np


def linear(x, W, b):
    return x @ W + b


def linear_backward(grad_out, x, W):
    grad_x = grad_out @ W
    grad_W = x.T @ grad_out
    grad_b = grad_out.sum(axis=0)
    return grad_x, grad_W, grad_b
