# expected-failures: test_loss_huge_logits
# expected-hint: test_loss_huge_logits: log(0)
"""A stable softmax (max subtracted), but the loss takes np.log of its probabilities: a right class at -1000
against 0 has probability exp(-1000), which underflows to 0, and -log(0) is inf."""
import numpy as np


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_cross_entropy(logits, labels):
    p = softmax(logits)
    return float(-np.log(p[np.arange(len(labels)), labels]).mean())


def softmax_cross_entropy_backward(logits, labels):
    grad = softmax(logits)
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
