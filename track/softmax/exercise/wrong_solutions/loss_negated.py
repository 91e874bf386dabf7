# expected-failures: test_loss_value, test_loss_huge_logits, test_loss_equal_logits
# expected-hint: test_loss_value: negative
# expected-hint: test_loss_huge_logits: negative
# expected-hint: test_loss_equal_logits: negative
"""Returns the mean log-probability of the right class and forgets the minus sign: the loss is negative."""
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return float(log_softmax(logits)[np.arange(len(labels)), labels].mean())


def softmax_cross_entropy_backward(logits, labels):
    grad = np.exp(log_softmax(logits))
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
