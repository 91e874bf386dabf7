# expected-failures: test_backward_values, test_backward_rows_sum_to_zero, test_backward_huge_logits, test_backward_finite_difference
# expected-hint: test_backward_values: without subtracting the one-hot
# expected-hint: test_backward_rows_sum_to_zero: without subtracting the one-hot
# expected-hint: test_backward_huge_logits: without subtracting the one-hot
# expected-hint: test_backward_finite_difference: without subtracting the one-hot
"""Returns softmax / batch and forgets to subtract the one-hot labels: the labels play no part."""
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return float(-log_softmax(logits)[np.arange(len(labels)), labels].mean())


def softmax_cross_entropy_backward(logits, labels):
    return np.exp(log_softmax(logits)) / len(labels)
