# expected-failures: test_backward_values, test_backward_huge_logits, test_backward_finite_difference
# expected-hint: test_backward_values: wrong sign
# expected-hint: test_backward_huge_logits: wrong sign
# expected-hint: test_backward_finite_difference: wrong sign
"""Returns (onehot - softmax) / batch: the direction gradient descent steps in, not the gradient."""
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return float(-log_softmax(logits)[np.arange(len(labels)), labels].mean())


def softmax_cross_entropy_backward(logits, labels):
    onehot = np.eye(logits.shape[1])[labels]
    return (onehot - np.exp(log_softmax(logits))) / len(labels)
