# expected-failures: test_relu_shape, test_relu_values
# expected-hint: test_relu_shape: `if`
# expected-hint: test_relu_values: `if`
"""Writes relu with a Python `if`, as for a single number: an array's comparison has no one truth value."""


def relu(x):
    if x > 0:
        return x
    return x * 0


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
