# expected-failures: test_inputs_unchanged
# expected-hint: test_inputs_unchanged: in place
"""Right values, but subtracts each row's max from logits in place (logits -= ...): the caller's logits
change under it."""
import numpy as np


def softmax_cross_entropy(logits, labels):
    logits -= logits.max(axis=1, keepdims=True)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(labels)), labels].mean())


def softmax_cross_entropy_backward(logits, labels):
    logits -= logits.max(axis=1, keepdims=True)
    grad = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    grad[np.arange(len(labels)), labels] -= 1
    return grad / len(labels)
