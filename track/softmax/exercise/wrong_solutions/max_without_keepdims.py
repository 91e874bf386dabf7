# expected-failures: test_loss_value, test_loss_huge_logits, test_loss_equal_logits, test_backward_values, test_backward_rows_sum_to_zero, test_backward_huge_logits, test_backward_finite_difference, test_inputs_unchanged
# expected-hint: test_loss_value: keepdims
# expected-hint: test_loss_huge_logits: keepdims
# expected-hint: test_loss_equal_logits: keepdims
# expected-hint: test_backward_values: keepdims
# expected-hint: test_backward_rows_sum_to_zero: keepdims
# expected-hint: test_backward_huge_logits: keepdims
# expected-hint: test_backward_finite_difference: keepdims
# expected-hint: test_inputs_unchanged: keepdims
"""Subtracts logits.max(axis=1), of shape (batch,), from logits, of shape (batch, classes): that broadcasts
against the columns, not the rows (a ValueError, or silently wrong when batch == classes)."""
import numpy as np


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1))
    return e / e.sum(axis=1)


def softmax_cross_entropy(logits, labels):
    p = softmax(logits)
    return float(-np.log(p[np.arange(len(labels)), labels]).mean())


def softmax_cross_entropy_backward(logits, labels):
    grad = softmax(logits)
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
