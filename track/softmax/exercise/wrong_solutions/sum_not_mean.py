# expected-failures: test_loss_value, test_loss_huge_logits, test_loss_equal_logits
# expected-hint: test_loss_value: summed
# expected-hint: test_loss_huge_logits: summed
# expected-hint: test_loss_equal_logits: summed
"""Sums the examples' losses instead of taking their mean (the gradient is right)."""
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return float(-log_softmax(logits)[np.arange(len(labels)), labels].sum())


def softmax_cross_entropy_backward(logits, labels):
    grad = np.exp(log_softmax(logits))
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
