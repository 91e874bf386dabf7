# expected-failures: test_backward_values, test_backward_rows_sum_to_zero, test_backward_huge_logits, test_backward_finite_difference
# expected-hint: test_backward_values: every logit gets a gradient
# expected-hint: test_backward_rows_sum_to_zero: every logit gets a gradient
# expected-hint: test_backward_huge_logits: every logit gets a gradient
# expected-hint: test_backward_finite_difference: every logit gets a gradient
"""Differentiates only with respect to the right class's logit, (p_y - 1) / batch: an array of shape
(batch,), as if the other logits had no part in the loss."""
import numpy as np


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return float(-log_softmax(logits)[np.arange(len(labels)), labels].mean())


def softmax_cross_entropy_backward(logits, labels):
    p_right = np.exp(log_softmax(logits))[np.arange(len(labels)), labels]
    return (p_right - 1) / len(labels)
