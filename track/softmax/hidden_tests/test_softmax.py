"""The eight hidden tests for softmax and cross-entropy. Each docstring's first line is what students see."""
import numpy as np

from expect import (Call, array_result, gradient, mean_loss, rows_sum_to_zero, same_loss, same_values,
                    unchanged)
from solution import softmax_cross_entropy, softmax_cross_entropy_backward

# Each test's data come from `rng`, seeded afresh for every run (runner/judge/seeding.py). Fixed cases (the
# statement's example, the huge logits it names) come first, so a wrong solution meets them first and its
# failure (and hint) does not depend on the seed; the seeded cases follow.
EXAMPLE = (np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]]), np.array([0, 1]))
# Huge logits. First a batch where each label sits at its row's max (only overflow can go wrong there), then
# a right class at -1000 against 0 (there a probability underflows to 0, and log(0) = -inf).
HUGE = [
    (np.array([[1000.0, 0.0, -1000.0], [1000.0, 1000.0, 0.0]]), np.array([0, 1])),
    (np.array([[0.0, -1000.0, 0.0]]), np.array([1])),
]
LOSS = "softmax_cross_entropy(logits, labels)"
BACKWARD = "softmax_cross_entropy_backward(logits, labels)"


def batch(rng, scale, min_batch=2, max_batch=6, min_classes=2, max_classes=6):
    """Logits uniform in [-scale, scale] of a random shape (batch, classes), and integer labels."""
    rows, classes = int(rng.integers(min_batch, max_batch + 1)), int(rng.integers(min_classes, max_classes + 1))
    return rng.uniform(-scale, scale, size=(rows, classes)), rng.integers(0, classes, size=rows)


def check_loss(logits, labels):
    call = Call(LOSS, logits=logits, labels=labels)
    same_loss(softmax_cross_entropy(logits.copy(), labels.copy()), mean_loss(logits, labels), call)


def check_gradient(logits, labels, expected, atol):
    call = Call(BACKWARD, logits=logits, labels=labels)
    same_values(softmax_cross_entropy_backward(logits.copy(), labels.copy()), expected, call, atol=atol)


def test_loss_value(rng):
    """softmax_cross_entropy: mean loss on random batches

    Hint: the loss is the mean over the batch of -log(softmax(logits)[i, labels[i]]), returned as one float.
    """
    cases = [EXAMPLE, (np.array([[1.0, -1.0]]), np.array([1]))]
    cases += [batch(rng, 4.0) for _ in range(3)]
    for logits, labels in cases:
        check_loss(logits, labels)


def test_loss_huge_logits(rng):
    """softmax_cross_entropy: finite and right at logits of ±1000

    Hint: exp(1000) overflows and exp(-1000) underflows: subtract each row's max, and use log-sum-exp.
    """
    cases = HUGE + [batch(rng, 1000.0, max_batch=4, max_classes=5) for _ in range(2)]
    for logits, labels in cases:
        check_loss(logits, labels)


def test_loss_equal_logits(rng):
    """softmax_cross_entropy: equal logits give log(classes), no NaN

    Hint: when all logits of a row are equal, softmax gives each class 1/classes, so the loss is log(classes).
    """
    cases = [(np.zeros((2, 3)), np.array([0, 2])), (np.full((2, 4), 1000.0), np.array([3, 1])),
             (np.full((3, 5), -1000.0), np.array([0, 4, 2]))]
    rows, classes = int(rng.integers(2, 6)), int(rng.integers(2, 8))
    level = rng.uniform(-1000.0, 1000.0, size=(rows, 1))  # one value per row, a different one for each row
    cases.append((np.repeat(level, classes, axis=1), rng.integers(0, classes, size=rows)))
    for logits, labels in cases:
        call = Call(LOSS, logits=logits, labels=labels)
        same_loss(softmax_cross_entropy(logits.copy(), labels.copy()), float(np.log(logits.shape[1])), call)


def test_backward_values(rng):
    """softmax_cross_entropy_backward: (softmax - onehot) / batch

    Hint: the gradient has the shape of logits: softmax(logits), minus 1 at each row's label, over the batch size.
    """
    cases = [EXAMPLE] + [batch(rng, 4.0) for _ in range(3)]
    for logits, labels in cases:
        check_gradient(logits, labels, gradient(logits, labels), atol=1e-9)


def test_backward_rows_sum_to_zero(rng):
    """softmax_cross_entropy_backward: each row sums to 0

    Hint: a row of softmax sums to 1 and a row of the one-hot labels sums to 1, so their difference sums to 0.
    """
    for logits, labels in [EXAMPLE] + [batch(rng, 4.0) for _ in range(2)]:
        call = Call(BACKWARD, logits=logits, labels=labels)
        got = softmax_cross_entropy_backward(logits.copy(), labels.copy())
        array_result(got, call, expected_shape=logits.shape)
        rows_sum_to_zero(got, call, atol=1e-9)


def test_backward_huge_logits(rng):
    """softmax_cross_entropy_backward: finite and right at logits of ±1000

    Hint: softmax(z) equals softmax(z - max(z)): subtract each row's max before exp, and nothing overflows.
    """
    cases = HUGE + [batch(rng, 1000.0, max_batch=4, max_classes=5)]
    for logits, labels in cases:
        check_gradient(logits, labels, gradient(logits, labels), atol=1e-9)


def test_backward_finite_difference(rng):
    """softmax_cross_entropy_backward: matches finite-difference gradient (atol 1e-4)

    Hint: entry [i, j] of the gradient is how fast the mean loss changes when logits[i, j] moves a little.
    """
    # The loss is the tests' own, not the student's: this test is about the backward pass alone, so a bug in
    # softmax_cross_entropy shows up in the loss tests only. Logits in [-2, 2]: no probability is tiny.
    h = 1e-5
    for logits, labels in [EXAMPLE] + [batch(rng, 2.0, max_batch=4, min_classes=3, max_classes=5) for _ in range(2)]:
        numeric = np.zeros(logits.shape)
        for index in np.ndindex(*logits.shape):
            step = np.zeros(logits.shape)
            step[index] = h
            numeric[index] = (mean_loss(logits + step, labels) - mean_loss(logits - step, labels)) / (2 * h)
        check_gradient(logits, labels, numeric, atol=1e-4)


def test_inputs_unchanged(rng):
    """both functions leave logits and labels unchanged

    Hint: the training loop uses logits and labels again after the loss: compute new arrays, never in place.
    """
    for logits, labels in [EXAMPLE, batch(rng, 10.0)]:
        for function, text in [(softmax_cross_entropy, LOSS), (softmax_cross_entropy_backward, BACKWARD)]:
            logits_before, labels_before = logits.copy(), labels.copy()
            call = Call(text, logits=logits_before, labels=labels_before)
            given_logits, given_labels = logits.copy(), labels.copy()
            function(given_logits, given_labels)
            unchanged(logits_before, given_logits, call, "logits")
            unchanged(labels_before, given_labels, call, "labels")
