# expected-failures: test_relu_values, test_backward_mask, test_backward_at_zero, test_backward_finite_difference
# expected-hint: test_relu_values: negative inputs came through unchanged
# expected-hint: test_backward_mask: gradient passed through where x < 0
# expected-hint: test_backward_at_zero: exactly 0
# expected-hint: test_backward_finite_difference: gradient passed through where x < 0
"""Returns its inputs unchanged: relu(x) = x and a gradient that always passes."""


def relu(x):
    return x.copy()


def relu_backward(grad_out, x):
    return grad_out.copy()
