"""Train a two-layer network with the pieces of steps 1 to 4: fill in the four functions."""
import numpy as np

from linear import linear, linear_backward  # step 3 (its linear_backward uses step 1's unbroadcast)
from relu import relu, relu_backward  # step 2
from softmax import softmax_cross_entropy, softmax_cross_entropy_backward  # step 4


def init_params(n_inputs: int, n_hidden: int, n_classes: int, seed: int) -> tuple:
    """Return the tuple (W1, b1, W2, b2) of a fresh network, all float64.

    W1: shape (n_inputs, n_hidden) and W2: shape (n_hidden, n_classes), random, drawn from
    np.random.default_rng(seed) (the same seed gives the same weights), scaled by sqrt(2 / fan_in), where
    fan_in is the layer's number of inputs. b1: shape (n_hidden,) and b2: shape (n_classes,), zeros.
    """
    raise NotImplementedError


def train_step(params: tuple, X: np.ndarray, y: np.ndarray, lr: float) -> tuple:
    """One step of gradient descent on the whole batch; return the tuple (new_params, loss).

    params: (W1, b1, W2, b2). X: float64 array of shape (batch, n_inputs). y: integer array of shape (batch,),
    each label in [0, n_classes). lr: the learning rate, a positive float.
    new_params: the tuple (W1, b1, W2, b2) after the step, each p - lr * dL/dp, as new arrays.
    loss: the mean cross-entropy of the params given (before the step), as a float.
    params, X and y are left unchanged.
    """
    raise NotImplementedError


def predict(params: tuple, X: np.ndarray) -> np.ndarray:
    """Return the predicted class of each row of X: an integer array of shape (batch,), the index of the
    largest logit of each example."""
    raise NotImplementedError


def train(X: np.ndarray, y: np.ndarray, n_hidden: int, steps: int, lr: float, seed: int) -> tuple:
    """Train a fresh network on (X, y); return the tuple (params, losses).

    The network has X.shape[1] inputs, n_hidden hidden units and y.max() + 1 classes, and starts from
    init_params(..., seed). It takes `steps` train_steps with learning rate lr. params: the tuple
    (W1, b1, W2, b2) after the last step. losses: a list of `steps` floats, the loss each step returned.
    """
    raise NotImplementedError
