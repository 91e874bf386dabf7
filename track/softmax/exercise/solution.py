"""Softmax and cross-entropy, the loss and its gradient: fill in both functions."""
import numpy as np


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Return the mean cross-entropy loss of a batch, as one float.

    logits: float64 array of shape (batch, classes), batch >= 1: row i holds example i's score for each class.
    labels: integer array of shape (batch,): labels[i] in [0, classes) is example i's right class.
    Returns the mean over the batch of -log(softmax(logits[i])[labels[i]]). A Python float, or a NumPy float
    scalar such as the np.float64 that .mean() gives: both are accepted (float(x) turns one into the other).
    Not an array: neither one loss per example nor a 0-d array.
    Stable at any logits: finite and right at 1000 and -1000 (no overflow, no log(0)).
    logits and labels are left unchanged.
    """
    raise NotImplementedError


def softmax_cross_entropy_backward(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Return the gradient of softmax_cross_entropy(logits, labels) with respect to logits.

    Same arguments as softmax_cross_entropy. Returns a new float array of the shape of logits,
    (softmax(logits) - onehot(labels)) / batch, finite at any logits. logits and labels are left unchanged.
    """
    raise NotImplementedError
