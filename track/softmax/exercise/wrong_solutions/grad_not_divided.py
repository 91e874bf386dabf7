# expected-failures: test_backward_values, test_backward_huge_logits, test_backward_finite_difference
# expected-hint: test_backward_values: batch times too large
# expected-hint: test_backward_huge_logits: batch times too large
# expected-hint: test_backward_finite_difference: batch times too large
"""Returns softmax - onehot, the gradient of the summed loss: it forgets to divide by the batch size."""
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return float(-log_softmax(logits)[np.arange(len(labels)), labels].mean())


def softmax_cross_entropy_backward(logits, labels):
    grad = np.exp(log_softmax(logits))
    grad[np.arange(len(labels)), labels] -= 1
    return grad
