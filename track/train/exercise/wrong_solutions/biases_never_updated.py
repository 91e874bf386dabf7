# expected-failures: test_train_step_params
# expected-hint: test_train_step_params: leaves b1 and b2
"""Updates the weights only: the biases keep their initial values (0 in training)."""
import numpy as np

from linear import linear, linear_backward
from relu import relu, relu_backward
from softmax import softmax_cross_entropy, softmax_cross_entropy_backward


def init_params(n_inputs, n_hidden, n_classes, seed):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_inputs, n_hidden)) * np.sqrt(2.0 / n_inputs)
    W2 = rng.standard_normal((n_hidden, n_classes)) * np.sqrt(2.0 / n_hidden)
    return W1, np.zeros(n_hidden), W2, np.zeros(n_classes)


def forward(params, X):
    W1, b1, W2, b2 = params
    z1 = linear(X, W1, b1)
    h = relu(z1)
    return z1, h, linear(h, W2, b2)


def train_step(params, X, y, lr):
    W1, b1, W2, b2 = params
    z1, h, logits = forward(params, X)
    loss = softmax_cross_entropy(logits, y)
    grad_logits = softmax_cross_entropy_backward(logits, y)
    grad_h, grad_W2, _ = linear_backward(grad_logits, h, W2)
    grad_z1 = relu_backward(grad_h, z1)
    _, grad_W1, _ = linear_backward(grad_z1, X, W1)
    return (W1 - lr * grad_W1, b1, W2 - lr * grad_W2, b2), float(loss)


def predict(params, X):
    return np.argmax(forward(params, X)[2], axis=1)


def train(X, y, n_hidden, steps, lr, seed):
    params = init_params(X.shape[1], n_hidden, int(np.max(y)) + 1, seed)
    losses = []
    for _ in range(steps):
        params, loss = train_step(params, X, y, lr)
        losses.append(loss)
    return params, losses
