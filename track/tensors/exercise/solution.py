"""Tensors and broadcasting: fill in unbroadcast."""
import numpy as np


def unbroadcast(grad: np.ndarray, shape: tuple) -> np.ndarray:
    """Return the gradient with respect to an input of shape `shape` that NumPy broadcast up to grad.shape.

    grad: dL/d(result) of an operation (such as a + b) in which broadcasting turned an input of shape `shape`
        into grad.shape.
    shape: the input's shape, a tuple; () for a scalar.
    Returns grad summed over the leading axes broadcasting added and over the axes where `shape` has size 1
    (those kept, with length 1): an array of exactly the shape `shape`, with grad's dtype. grad is left unchanged.
    """
    raise NotImplementedError
