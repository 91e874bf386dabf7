"""The five hidden tests for ReLU forward + backward. Each docstring's first line is what students see."""
import math

import numpy as np

from expect import Call, array_result, same_values, unchanged
from solution import relu, relu_backward

SHAPES = [(), (0,), (0, 3), (3, 4), (2, 3, 4)]  # and a seeded shape of 1 to 4 dimensions
DTYPES = [np.float64, np.float32]
# Each test's data come from `rng`, seeded afresh for every run (runner/judge/seeding.py): the page's runs
# and the re-grade's differ, so answers recorded from one run are worth nothing in another (issue 26).
# Fixed cases (the statement's examples, edge values) come first, so a wrong solution meets them first. The
# seeded cases mostly take the place of fixed ones: a run makes about as many calls as it did before.


def random_shape(rng, max_ndim=3, max_side=5):
    """A shape of 1 to max_ndim dimensions, each from 1 to max_side long."""
    return tuple(rng.integers(1, max_side + 1, size=rng.integers(1, max_ndim + 1)).tolist())


def away_from_zero(rng, shape, dtype, margin=0.1):
    """Random values with |x| >= margin, so that no element sits on the kink at 0; with 4 elements or more, at
    least two of each sign (a hint that looks at the wrong elements then sees more than one)."""
    x = rng.standard_normal(math.prod(shape))
    x = np.copysign(margin + np.abs(x), x)
    if x.size >= 4:
        x[:4] = np.abs(x[:4]) * [-1.0, -1.0, 1.0, 1.0]
        rng.shuffle(x)
    return x.astype(dtype).reshape(shape)


def with_zeros(rng, shape, dtype):
    """Random values with exact zeros (some of them -0.0) at random places, at least one of each sign of x."""
    x = away_from_zero(rng, shape, np.float64) * 2
    flat = x.reshape(-1)
    zeros = rng.permutation(flat.size)[:max(1, flat.size // 3)]
    flat[zeros] = np.copysign(0.0, rng.random(zeros.size) - 0.5)
    return x.astype(dtype)


def test_relu_shape(rng):
    """relu: output shape matches input

    Hint: relu works element by element, so its result has the input's shape: 0-d, empty or n-d alike.
    """
    shapes = SHAPES + [random_shape(rng, max_ndim=4)]
    for dtype in DTYPES:
        for shape in shapes:
            x = np.asarray(rng.standard_normal(shape) * 3, dtype=dtype)
            array_result(relu(x.copy()), Call("relu(x)", x=x), expected_shape=shape)


def test_relu_values(rng):
    """relu: zeroes out negatives, keeps non-negatives

    Hint: relu(x) is x where x > 0 and 0 everywhere else, element by element, in x's dtype.
    """
    example = np.array([-2.0, -0.1, 0.0, 0.1, 5.0])
    specials = np.array([-np.inf, -1e300, -0.0, 1e-300, np.inf])
    cases = [example, specials, np.array(-3.0), np.array(2.5)]
    for dtype in DTYPES:
        for shape in [random_shape(rng), (3, 4), (2, 3, 4), (0, 2)]:
            cases.append(with_zeros(rng, shape, dtype) * dtype(10) if math.prod(shape) else np.zeros(shape, dtype))
    for x in cases:
        before = x.copy()
        call = Call("relu(x)", x=before)
        got = relu(x)
        unchanged(before, x, call, "x")
        same_values(got, np.maximum(before, 0), call, dtype=before.dtype)


def test_backward_mask(rng):
    """relu_backward: grad passes through where x > 0, blocked where x <= 0

    Hint: relu_backward gets the forward input x: grad_out passes unchanged where x > 0, and 0 elsewhere.
    """
    cases = [(np.array([-2.0, -0.5, 0.5, 3.0]), np.array([10.0, 20.0, 30.0, 40.0]))]
    for dtype in DTYPES:
        for shape in [(), random_shape(rng, max_ndim=1, max_side=9), (3, 4), (2, 3, 4)]:
            x = away_from_zero(rng, shape, dtype)
            grad_out = np.asarray(rng.standard_normal(shape) * 3, dtype=dtype)
            cases.append((x, grad_out))
    for x, grad_out in cases:
        x_before, grad_before = x.copy(), grad_out.copy()
        call = Call("relu_backward(grad_out, x)", grad_out=grad_before, x=x_before)
        got = relu_backward(grad_out, x)
        unchanged(grad_before, grad_out, call, "grad_out")
        unchanged(x_before, x, call, "x")
        same_values(got, grad_before * (x_before > 0), call, dtype=grad_before.dtype)


def test_backward_at_zero(rng):
    """relu_backward: at exactly x=0 sub-gradient is 0 (the convention)

    Hint: at exactly x = 0 the gradient must be 0, like in PyTorch: use a strict mask, x > 0.
    """
    cases = [
        (np.array([-1.0, 0.0, 2.0, -3.0, 4.0]), np.ones(5)),
        (np.array([-0.0, 0.0]), np.array([5.0, 5.0])),
        (np.array(0.0), np.array(1.0)),
    ]
    for dtype in DTYPES:  # zeros at random places, and a gradient that is never 0 there
        shape = random_shape(rng, max_ndim=2)
        grad_out = away_from_zero(rng, shape, dtype, margin=0.5) * dtype(4)
        cases.append((with_zeros(rng, shape, dtype), grad_out))
    for x, grad_out in cases:
        call = Call("relu_backward(grad_out, x)", grad_out=grad_out, x=x)
        got = relu_backward(grad_out.copy(), x.copy())
        array_result(got, call, expected_shape=x.shape)
        # Only the entries at exactly 0 are this test's business; the others are checked by test 3.
        values = np.asarray(got)
        others = values.astype(grad_out.dtype) if values.dtype.kind in "biuf" else grad_out * (x > 0)
        same_values(got, np.where(x == 0, np.zeros_like(grad_out), others), call, dtype=grad_out.dtype)


def test_backward_finite_difference(rng):
    """relu_backward: matches finite-difference gradient (atol about 1e-3)

    Hint: the gradient of sum(grad_out * relu(x)) with respect to x is what relu_backward must return.
    """
    # The loss uses the true ReLU, not the student's relu: this test is about relu_backward alone, so a
    # bug in the forward pass shows up in tests 1 and 2 only.
    def loss(x, grad_out):
        return float(np.sum(grad_out * np.maximum(x, 0)))

    h = 1e-5
    for shape in [(int(rng.integers(4, 9)),), (3, 4), (2, 2, 3)]:
        x = away_from_zero(rng, shape, np.float64, margin=0.05)
        # |grad_out| >= 0.5: a gradient scaled by a small slope (LeakyReLU's 0.01) still differs by more than atol
        grad_out = away_from_zero(rng, shape, np.float64, margin=0.5)
        numeric = np.zeros(shape)
        for index in np.ndindex(*shape):
            step = np.zeros(shape)
            step[index] = h
            numeric[index] = (loss(x + step, grad_out) - loss(x - step, grad_out)) / (2 * h)
        call = Call("relu_backward(grad_out, x)", grad_out=grad_out, x=x)
        same_values(relu_backward(grad_out.copy(), x.copy()), numeric, call, atol=1e-3)
