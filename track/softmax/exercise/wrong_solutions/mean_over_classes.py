# expected-failures: test_loss_value, test_loss_huge_logits, test_loss_equal_logits
# expected-hint: test_loss_value: classes times too small
# expected-hint: test_loss_huge_logits: classes times too small
# expected-hint: test_loss_equal_logits: classes times too small
"""Multiplies by the one-hot labels and takes np.mean of the whole (batch, classes) array: that divides by
batch * classes, not by batch."""
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    onehot = np.eye(logits.shape[1])[labels]
    return float(-np.mean(onehot * log_softmax(logits)))


def softmax_cross_entropy_backward(logits, labels):
    onehot = np.eye(logits.shape[1])[labels]
    return (np.exp(log_softmax(logits)) - onehot) / len(labels)
