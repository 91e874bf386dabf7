"""Reference solution: never shipped to students."""
import numpy as np


def _log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return float(-_log_softmax(logits)[np.arange(len(labels)), labels].mean())


def softmax_cross_entropy_backward(logits, labels):
    grad = np.exp(_log_softmax(logits))
    grad[np.arange(len(labels)), labels] -= 1.0
    return grad / len(labels)
