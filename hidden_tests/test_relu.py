"""The five hidden tests for ReLU forward + backward. Each docstring's first line is what students see."""
import numpy as np

from expect import Call, array_result, same_values, unchanged
from solution import relu, relu_backward

SHAPES = [(), (0,), (0, 3), (5,), (3, 4), (2, 3, 4)]
DTYPES = [np.float64, np.float32]


def rng(seed):
    return np.random.default_rng(seed)


def away_from_zero(generator, shape, dtype, margin=0.1):
    """Random values with |x| >= margin, so that no element sits on the kink at 0."""
    x = generator.standard_normal(shape)
    x = np.where(np.abs(x) < margin, np.copysign(margin, x) + x, x)
    return np.asarray(x, dtype=dtype)


def test_relu_shape():
    """relu: output shape matches input

    Hint: relu works element by element, so its result has the input's shape: 0-d, empty or n-d alike.
    """
    generator = rng(1)
    for dtype in DTYPES:
        for shape in SHAPES:
            x = np.asarray(generator.standard_normal(shape), dtype=dtype)
            array_result(relu(x.copy()), Call("relu(x)", x=x), expected_shape=shape)


def test_relu_values():
    """relu: zeroes out negatives, keeps non-negatives

    Hint: relu(x) is x where x > 0 and 0 everywhere else, element by element, in x's dtype.
    """
    example = np.array([-2.0, -0.1, 0.0, 0.1, 5.0])
    cases = [example, np.array([-np.inf, -1e300, -0.0, 1e-300, np.inf]), np.array(-3.0), np.array(2.5)]
    generator = rng(2)
    for dtype in DTYPES:
        for shape in [(7,), (3, 4), (2, 3, 4), (0, 2)]:
            x = generator.standard_normal(shape)
            if x.size:
                x[(0,) * len(shape)] = 0.0  # an exact zero in every case
            cases.append(np.asarray(x, dtype=dtype))
    for x in cases:
        before = x.copy()
        call = Call("relu(x)", x=before)
        got = relu(x)
        unchanged(before, x, call, "x")
        same_values(got, np.maximum(before, 0), call, dtype=before.dtype)


def test_backward_mask():
    """relu_backward: grad passes through where x > 0, blocked where x <= 0

    Hint: relu_backward gets the forward input x: grad_out passes unchanged where x > 0, and 0 elsewhere.
    """
    generator = rng(3)
    cases = [(np.array([-2.0, -0.5, 0.5, 3.0]), np.array([10.0, 20.0, 30.0, 40.0]))]
    for dtype in DTYPES:
        for shape in [(), (6,), (3, 4), (2, 3, 4)]:
            x = away_from_zero(generator, shape, dtype)
            grad_out = np.asarray(generator.standard_normal(shape) * 3, dtype=dtype)
            cases.append((x, grad_out))
    for x, grad_out in cases:
        x_before, grad_before = x.copy(), grad_out.copy()
        call = Call("relu_backward(grad_out, x)", grad_out=grad_before, x=x_before)
        got = relu_backward(grad_out, x)
        unchanged(grad_before, grad_out, call, "grad_out")
        unchanged(x_before, x, call, "x")
        same_values(got, grad_before * (x_before > 0), call, dtype=grad_before.dtype)


def test_backward_at_zero():
    """relu_backward: at exactly x=0 sub-gradient is 0 (the convention)

    Hint: at exactly x = 0 the gradient must be 0, like in PyTorch: use a strict mask, x > 0.
    """
    cases = [
        (np.array([-1.0, 0.0, 2.0, -3.0, 4.0]), np.ones(5)),
        (np.zeros(4), np.array([1.0, -2.0, 3.5, 7.0])),
        (np.array([-0.0, 0.0]), np.array([5.0, 5.0])),
        (np.array(0.0), np.array(1.0)),
        (np.zeros((2, 3), dtype=np.float32), np.full((2, 3), 0.25, dtype=np.float32)),
    ]
    for x, grad_out in cases:
        call = Call("relu_backward(grad_out, x)", grad_out=grad_out, x=x)
        got = relu_backward(grad_out.copy(), x.copy())
        array_result(got, call, expected_shape=x.shape)
        # Only the entries at exactly 0 are this test's business; the others are checked by test 3.
        values = np.asarray(got)
        others = values.astype(grad_out.dtype) if values.dtype.kind in "biuf" else grad_out * (x > 0)
        same_values(got, np.where(x == 0, np.zeros_like(grad_out), others), call, dtype=grad_out.dtype)


def test_backward_finite_difference():
    """relu_backward: matches finite-difference gradient (atol about 1e-3)

    Hint: the gradient of sum(grad_out * relu(x)) with respect to x is what relu_backward must return.
    """
    # The loss uses the true ReLU, not the student's relu: this test is about relu_backward alone, so a
    # bug in the forward pass shows up in tests 1 and 2 only.
    def loss(x, grad_out):
        return float(np.sum(grad_out * np.maximum(x, 0)))

    generator = rng(5)
    h = 1e-5
    for shape in [(5,), (3, 4), (2, 2, 3)]:
        x = away_from_zero(generator, shape, np.float64, margin=0.05)
        grad_out = generator.standard_normal(shape)
        numeric = np.zeros(shape)
        for index in np.ndindex(*shape):
            step = np.zeros(shape)
            step[index] = h
            numeric[index] = (loss(x + step, grad_out) - loss(x - step, grad_out)) / (2 * h)
        call = Call("relu_backward(grad_out, x)", grad_out=grad_out, x=x)
        same_values(relu_backward(grad_out.copy(), x.copy()), numeric, call, atol=1e-3)
