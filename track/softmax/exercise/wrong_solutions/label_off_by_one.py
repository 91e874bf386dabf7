# expected-failures: test_loss_value, test_loss_huge_logits, test_backward_values, test_backward_huge_logits, test_backward_finite_difference
# expected-hint: test_loss_value: neighbouring class
# expected-hint: test_loss_huge_logits: neighbouring class
# expected-hint: test_backward_values: neighbouring class
# expected-hint: test_backward_huge_logits: neighbouring class
# expected-hint: test_backward_finite_difference: neighbouring class
"""Treats the labels as if they counted from 1 (labels - 1): every example is scored against the class before
its own (label 0 wraps round to the last class). Equal logits cannot tell, so that test passes."""
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return float(-log_softmax(logits)[np.arange(len(labels)), labels - 1].mean())


def softmax_cross_entropy_backward(logits, labels):
    onehot = np.eye(logits.shape[1])[labels - 1]
    return (np.exp(log_softmax(logits)) - onehot) / len(labels)
