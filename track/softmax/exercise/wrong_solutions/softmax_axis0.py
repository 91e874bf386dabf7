# expected-failures: test_loss_value, test_loss_huge_logits, test_loss_equal_logits, test_backward_values, test_backward_rows_sum_to_zero, test_backward_huge_logits, test_backward_finite_difference
# expected-hint: test_loss_value: axis 0
# expected-hint: test_loss_huge_logits: axis 0
# expected-hint: test_loss_equal_logits: axis 0
# expected-hint: test_backward_values: axis 0
# expected-hint: test_backward_rows_sum_to_zero: axis 0
# expected-hint: test_backward_huge_logits: axis 0
# expected-hint: test_backward_finite_difference: axis 0
"""Takes the max and the sum over axis 0, down the columns: each column, not each row, sums to 1."""
import numpy as np


def softmax(logits):
    e = np.exp(logits - logits.max(axis=0))
    return e / e.sum(axis=0)


def softmax_cross_entropy(logits, labels):
    p = softmax(logits)
    return float(-np.log(p[np.arange(len(labels)), labels]).mean())


def softmax_cross_entropy_backward(logits, labels):
    grad = softmax(logits)
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
