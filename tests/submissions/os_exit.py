# expected-failures: test_relu_shape, test_relu_values
"""Ends its own interpreter with os._exit: those tests fail, the others run in a fresh interpreter."""
import os

import numpy as np


def relu(x):
    os._exit(0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
