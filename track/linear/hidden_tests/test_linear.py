"""The eight hidden tests for linear layers. Each docstring's first line is what students see."""
import numpy as np

from expect import Call, array_result, same_values, three_results, unchanged
from solution import linear, linear_backward

DTYPES = [np.float64, np.float32]
ATOL = {np.dtype(np.float64): 1e-9, np.dtype(np.float32): 1e-4}  # a sum in another order rounds differently
# The statement's example: the first three outputs copy the inputs, the fourth sums them; b shifts each.
EXAMPLE_X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
EXAMPLE_W = np.array([[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0]])
EXAMPLE_B = np.array([10.0, 20.0, 30.0, 40.0])
EXAMPLE_GRAD = np.ones((2, 4))
# Each test's data come from `rng`, seeded afresh for every run (runner/judge/seeding.py), after fixed cases.
# Sizes: batch, inputs and outputs all different ("distinct") and all equal ("square"). A forgotten transpose
# or a reversed product fails on distinct sizes with a shape error and, on square sizes, where every product
# fits, with wrong values that hints.py recognises. The value tests start with a square case, so that their
# hint names the wrong formula; the shape tests start with the example, whose sizes are distinct.


def distinct(rng, low=2, high=6):
    """(batch, inputs, outputs), three different sizes from low to high."""
    return tuple(int(n) for n in rng.choice(np.arange(low, high + 1), size=3, replace=False))


def square(rng, low=2, high=5):
    n = int(rng.integers(low, high + 1))
    return n, n, n


def layer(rng, sizes, dtype=np.float64):
    """Seeded x, W, b and grad_out for (batch, inputs, outputs), in `dtype`."""
    batch, inputs, outputs = sizes
    arrays = [rng.standard_normal(shape) for shape in [(batch, inputs), (inputs, outputs), (outputs,),
                                                      (batch, outputs)]]
    return [a.astype(dtype) for a in arrays]


def example():
    return [EXAMPLE_X.copy(), EXAMPLE_W.copy(), EXAMPLE_B.copy(), EXAMPLE_GRAD.copy()]


def backward(grad_out, x, W):
    """The student's three gradients for copies of the arrays, and the Call that names them in a failure."""
    call = Call("linear_backward(grad_out, x, W)", grad_out=grad_out, x=x, W=W)
    return three_results(linear_backward(grad_out.copy(), x.copy(), W.copy()), call), call


def test_linear_shape(rng):
    """linear: output has shape (batch, outputs)

    Hint: x (batch, inputs) @ W (inputs, outputs) gives (batch, outputs), and b (outputs,) adds to every row.
    """
    cases = [example()] + [layer(rng, sizes) for sizes in [(1, 1, 1), (1, 3, 2), (4, 1, 3), (3, 2, 1)]]
    cases += [layer(rng, distinct(rng, 1, 7)), layer(rng, square(rng), np.float32)]
    for x, W, b, _ in cases:
        call = Call("linear(x, W, b)", x=x, W=W, b=b)
        shape = (x.shape[0], W.shape[1])
        array_result(linear(x.copy(), W.copy(), b.copy()), call, expected_shape=shape, why="(batch, outputs)")


def test_linear_values(rng):
    """linear: returns x @ W + b, the bias added to every row

    Hint: y[n, j] is the sum over i of x[n, i] * W[i, j], plus b[j]; in the inputs' dtype.
    """
    cases = [layer(rng, square(rng, 3, 4)), example(), layer(rng, (1, 1, 1)), layer(rng, (1, 4, 2))]
    cases += [layer(rng, distinct(rng)), layer(rng, distinct(rng), np.float32),
              layer(rng, square(rng), np.float32)]
    for x, W, b, _ in cases:
        before = [x.copy(), W.copy(), b.copy()]
        call = Call("linear(x, W, b)", x=before[0], W=before[1], b=before[2])
        got = linear(x, W, b)
        for name, old, new in zip("xWb", before, [x, W, b]):
            unchanged(old, new, call, name)
        expected = (x.astype(float) @ W + b).astype(x.dtype)
        same_values(got, expected, call, why="(batch, outputs)", atol=ATOL[x.dtype], dtype=x.dtype)


def test_backward_shapes(rng):
    """linear_backward: returns (grad_x, grad_W, grad_b), shaped like x, W and b

    Hint: return the tuple (grad_x, grad_W, grad_b); each has its variable's shape and grad_out's dtype.
    """
    cases = [example()] + [layer(rng, sizes) for sizes in [(3, 1, 2), (2, 3, 1)]]
    cases += [layer(rng, distinct(rng, 2, 7)), layer(rng, distinct(rng), np.float32),
              layer(rng, square(rng), np.float32)]
    for x, W, _, grad_out in cases:
        grads, call = backward(grad_out, x, W)
        for grad, name, shape, whose in zip(grads, ["grad_x", "grad_W", "grad_b"], [x.shape, W.shape, W.shape[1:]],
                                            ["x's shape (batch, inputs)", "W's shape (inputs, outputs)",
                                             "b's shape (outputs,)"]):
            array_result(grad, call, expected_shape=shape, why=whose, part=name, dtype=grad_out.dtype)


def value_cases(rng):
    """Cases for the tests of one gradient: square first, then the example, a batch of 1, seeded sizes."""
    cases = [layer(rng, square(rng, 3, 4)), example(), layer(rng, (1, 2, 3))]
    return cases + [layer(rng, distinct(rng)), layer(rng, distinct(rng), np.float32)]


def test_grad_x(rng):
    """linear_backward: grad_x = grad_out @ W.T

    Hint: grad_x[n, i] sums grad_out[n, j] * W[i, j] over the outputs j; it has x's shape (batch, inputs).
    """
    for x, W, _, grad_out in value_cases(rng):
        grads, call = backward(grad_out, x, W)
        expected = grad_out.astype(float) @ W.T
        same_values(grads[0], expected, call, why="x's shape (batch, inputs)", atol=ATOL[x.dtype], part="grad_x")


def test_grad_W(rng):
    """linear_backward: grad_W = x.T @ grad_out

    Hint: grad_W[i, j] sums x[n, i] * grad_out[n, j] over the batch; it has W's shape (inputs, outputs).
    """
    for x, W, _, grad_out in value_cases(rng):
        grads, call = backward(grad_out, x, W)
        expected = x.astype(float).T @ grad_out
        same_values(grads[1], expected, call, why="W's shape (inputs, outputs)", atol=ATOL[x.dtype], part="grad_W")


def test_grad_b(rng):
    """linear_backward: grad_b sums grad_out over the batch

    Hint: b is added to every row, so grad_b[j] is the sum of grad_out[n, j] over all n: shape (outputs,).
    """
    for x, W, _, grad_out in value_cases(rng):
        grads, call = backward(grad_out, x, W)
        expected = grad_out.astype(float).sum(axis=0)
        same_values(grads[2], expected, call, why="b's shape (outputs,)", atol=ATOL[x.dtype], part="grad_b")


def test_backward_unchanged(rng):
    """linear_backward: leaves grad_out, x and W unchanged

    Hint: compute new arrays; an in-place operation (+=, or one on a view such as a row) changes the caller's.
    """
    for x, W, _, grad_out in [example(), layer(rng, distinct(rng)), layer(rng, square(rng), np.float32)]:
        before = [grad_out.copy(), x.copy(), W.copy()]
        call = Call("linear_backward(grad_out, x, W)", grad_out=before[0], x=before[1], W=before[2])
        linear_backward(grad_out, x, W)
        for name, old, new in zip(["grad_out", "x", "W"], before, [grad_out, x, W]):
            unchanged(old, new, call, name)


def numeric_gradient(loss, array, h=1e-5):
    """Central differences of loss() with respect to each element of `array` (changed and restored)."""
    grad = np.zeros(array.shape)
    for index in np.ndindex(*array.shape):
        saved = array[index]
        array[index] = saved + h
        up = loss()
        array[index] = saved - h
        grad[index] = (up - loss()) / (2 * h)
        array[index] = saved
    return grad


def test_finite_difference(rng):
    """linear_backward: matches finite differences for all three (atol about 1e-3)

    Hint: the three gradients of L = sum(grad_out * (x @ W + b)) are what linear_backward must return.
    """
    # The loss uses the true layer, not the student's linear: this test is about linear_backward alone.
    for x, W, b, grad_out in [layer(rng, distinct(rng, 2, 5)), layer(rng, square(rng, 2, 4))]:
        def loss():
            return float(np.sum(grad_out * (x @ W + b)))

        numeric = [numeric_gradient(loss, a) for a in (x, W, b)]
        grads, call = backward(grad_out, x, W)
        for grad, expected, name, whose in zip(grads, numeric, ["grad_x", "grad_W", "grad_b"],
                                               ["x's shape", "W's shape", "b's shape"]):
            same_values(grad, expected, call, why=whose, atol=1e-3, part=name)
