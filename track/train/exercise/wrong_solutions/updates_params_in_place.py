# expected-failures: test_train_step_unchanged
# expected-hint: test_train_step_unchanged: in place
"""Updates the parameters in place (p -= lr * g), as an optimiser object would: each step is right, but the
caller's params change under it, so a caller that keeps the old params for a comparison sees the new ones."""
import numpy as np

from linear import linear, linear_backward
from relu import relu, relu_backward
from softmax import softmax_cross_entropy, softmax_cross_entropy_backward


def init_params(n_inputs: int, n_hidden: int, n_classes: int, seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_inputs, n_hidden)) * np.sqrt(2.0 / n_inputs)
    W2 = rng.standard_normal((n_hidden, n_classes)) * np.sqrt(2.0 / n_hidden)
    return W1, np.zeros(n_hidden), W2, np.zeros(n_classes)


def forward(params, X):
    W1, b1, W2, b2 = params
    z1 = linear(X, W1, b1)
    h = relu(z1)
    return z1, h, linear(h, W2, b2)


def train_step(params: tuple, X: np.ndarray, y: np.ndarray, lr: float) -> tuple:
    W1, b1, W2, b2 = params
    z1, h, logits = forward(params, X)
    loss = softmax_cross_entropy(logits, y)
    grad_logits = softmax_cross_entropy_backward(logits, y)
    grad_h, grad_W2, grad_b2 = linear_backward(grad_logits, h, W2)
    grad_z1 = relu_backward(grad_h, z1)
    _, grad_W1, grad_b1 = linear_backward(grad_z1, X, W1)
    grads = (grad_W1, grad_b1, grad_W2, grad_b2)
    for p, g in zip(params, grads):
        p -= lr * g
    return params, float(loss)


def predict(params: tuple, X: np.ndarray) -> np.ndarray:
    return np.argmax(forward(params, X)[2], axis=1)


def train(X: np.ndarray, y: np.ndarray, n_hidden: int, steps: int, lr: float, seed: int) -> tuple:
    params = init_params(X.shape[1], n_hidden, int(np.max(y)) + 1, seed)
    losses = []
    for _ in range(steps):
        params, loss = train_step(params, X, y, lr)
        losses.append(loss)
    return params, losses
