# expected-failures: test_loss_huge_logits, test_loss_equal_logits, test_backward_huge_logits
# expected-hint: test_loss_huge_logits: exp(1000) overflows
# expected-hint: test_loss_equal_logits: exp(1000) overflows
# expected-hint: test_backward_huge_logits: exp(1000) overflows
"""The textbook softmax, exp(z) / sum(exp(z)), with no max subtracted: right for small logits, but exp(1000)
is inf, so huge logits give inf / inf = nan."""
import numpy as np


def softmax(logits):
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)


def softmax_cross_entropy(logits, labels):
    p = softmax(logits)
    return float(-np.log(p[np.arange(len(labels)), labels]).mean())


def softmax_cross_entropy_backward(logits, labels):
    grad = softmax(logits)
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
