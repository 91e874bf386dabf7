# expected-failures: test_loss_huge_logits
# expected-hint: test_loss_huge_logits: epsilon
"""Hides log(0) with an epsilon, -log(p + 1e-12): the loss stays finite but is capped at -log(1e-12) = 27.6,
where the right answer at -1000 against 0 is about 1000."""
import numpy as np


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_cross_entropy(logits, labels):
    p = softmax(logits)
    return float(-np.log(p[np.arange(len(labels)), labels] + 1e-12).mean())


def softmax_cross_entropy_backward(logits, labels):
    grad = softmax(logits)
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
