# expected-failures: test_relu_shape, test_relu_values
"""Calls sys.exit inside relu: an error for those tests, never the end of the grading."""
import sys

import numpy as np


def relu(x):
    sys.exit(0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
