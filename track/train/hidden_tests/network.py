"""The judge's own two-layer network in plain NumPy (float64): the data the tests train on, the forward pass,
the loss, the gradients and the SGD step the tests compare train_step with, and the usual wrong steps that
hints.py recognises. Nothing here calls solution.py."""
import numpy as np


# -- data ---------------------------------------------------------------------------------------------------
def blobs(rng, per_blob, classes):
    """Training and held-out points in 2 * classes blobs around a circle; blob k has class k % classes, so each
    class sits in two opposite blobs and no straight line separates the classes (XOR when classes == 2). The
    circle's radius and turn and the blobs' spread come from `rng`; each set has per_blob points per blob."""
    count = 2 * classes
    angles = rng.uniform(0.0, 2 * np.pi) + 2 * np.pi * np.arange(count) / count
    centres = rng.uniform(2.0, 3.0) * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    spread = rng.uniform(0.3, 0.45)
    sets = []
    for _ in range(2):
        X = np.repeat(centres, per_blob, axis=0) + spread * rng.standard_normal((count * per_blob, 2))
        y = np.repeat(np.arange(count) % classes, per_blob)
        order = rng.permutation(len(y))
        sets += [X[order], y[order]]
    return sets  # X_train, y_train, X_test, y_test


def random_params(rng, n_inputs, n_hidden, n_classes):
    """He-scaled random weights and small random biases (so that a step that forgets the biases shows)."""
    return (rng.standard_normal((n_inputs, n_hidden)) * np.sqrt(2.0 / n_inputs),
            0.1 * rng.standard_normal(n_hidden),
            rng.standard_normal((n_hidden, n_classes)) * np.sqrt(2.0 / n_hidden),
            0.1 * rng.standard_normal(n_classes))


# -- the network --------------------------------------------------------------------------------------------
def log_softmax(logits):
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))


def cross_entropy(logits, labels):
    return float(-np.mean(log_softmax(logits)[np.arange(len(labels)), labels]))


def cross_entropy_gradient(logits, labels):
    grad = np.exp(log_softmax(logits))
    grad[np.arange(len(labels)), labels] -= 1.0
    return grad / len(labels)


def forward(params, X, relu=True):
    """(z1, h, logits): the hidden layer before and after ReLU, and the output layer."""
    W1, b1, W2, b2 = params
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0.0) if relu else z1
    return z1, h, h @ W2 + b2


def loss(params, X, y, relu=True):
    return cross_entropy(forward(params, X, relu)[2], y)


def gradients(params, X, y, *, relu=True, mask=True):
    """(dL/dW1, dL/db1, dL/dW2, dL/db2) by the chain rule; relu=False: a network without ReLU; mask=False: the
    gradient passed through ReLU without its mask."""
    W1, b1, W2, b2 = params
    z1, h, logits = forward(params, X, relu)
    grad_logits = cross_entropy_gradient(logits, y)
    grad_h = grad_logits @ W2.T
    grad_z1 = grad_h * (z1 > 0) if relu and mask else grad_h
    return X.T @ grad_z1, grad_z1.sum(axis=0), h.T @ grad_logits, grad_logits.sum(axis=0)


def sgd_step(params, X, y, lr):
    """(new params, loss before the step): what train_step must return."""
    return [p - lr * g for p, g in zip(params, gradients(params, X, y))], loss(params, X, y)


def accuracy(params, X, y):
    return float(np.mean(np.argmax(forward(params, X)[2], axis=1) == y))


# -- the usual wrong steps: (cause, the new params that mistake returns) ------------------------------------
def wrong_steps(params, X, y, lr):
    grads = gradients(params, X, y)
    yield "not_updated", list(params)
    yield "lr_sign", [p + lr * g for p, g in zip(params, grads)]
    yield "biases_frozen", [p - lr * g if p.ndim == 2 else p for p, g in zip(params, grads)]
    yield "weights_frozen", [p - lr * g if p.ndim == 1 else p for p, g in zip(params, grads)]
    yield "no_relu", [p - lr * g for p, g in zip(params, gradients(params, X, y, relu=False))]
    yield "no_mask", [p - lr * g for p, g in zip(params, gradients(params, X, y, mask=False))]
    yield "lr_ignored", [p - g for p, g in zip(params, grads)]
    yield "averaged_twice", [p - lr * g / len(y) for p, g in zip(params, grads)]


def wrong_losses(params, X, y, lr):
    """(cause, the loss that mistake returns) for train_step's loss."""
    new, _ = sgd_step(params, X, y, lr)
    yield "loss_after", loss(new, X, y)
    yield "no_relu", loss(params, X, y, relu=False)
    yield "loss_summed", loss(params, X, y) * len(y)
