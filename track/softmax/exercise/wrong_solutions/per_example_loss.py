# expected-failures: test_loss_value, test_loss_huge_logits, test_loss_equal_logits
# expected-hint: test_loss_value: one loss per example
# expected-hint: test_loss_huge_logits: one loss per example
# expected-hint: test_loss_equal_logits: one loss per example
"""Returns the array of per-example losses and forgets to take their mean."""
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return -log_softmax(logits)[np.arange(len(labels)), labels]


def softmax_cross_entropy_backward(logits, labels):
    grad = np.exp(log_softmax(logits))
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
