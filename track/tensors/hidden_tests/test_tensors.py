"""The seven hidden tests for unbroadcast. Each docstring's first line is what students see."""
import numpy as np

from expect import Call, array_result, same_values, unchanged
from solution import unbroadcast

# Each test's data come from `rng`, seeded afresh for every run (runner/judge/seeding.py). Fixed cases (the
# statement's examples, edge cases) come first and cover every kind of case the seeded ones can be, so a wrong
# solution fails (or passes) a test whatever the seed. A case is (grad's shape, `shape`): broadcasting an input
# of shape `shape` gave a result of grad's shape.
SHAPE_CASES = [((4, 3), (3,)), ((4, 3), (4, 1)), ((4, 3), (1, 3)), ((2, 3, 5), (3, 1)), ((4, 3), ()), ((5,), ()),
               ((), ()), ((3, 4), (3, 4)), ((0, 3), (3,))]


def random_case(rng, *, leading=(0, 2), ones=True, max_ndim=3):
    """(grad's shape, shape): a `shape` of 1 to max_ndim axes (sides 2 to 4; with ones=True each may be 1) and a
    grad of that shape with each size-1 axis broadcast to 2 to 4 and `leading` (a range) new axes in front."""
    ndim = int(rng.integers(1, max_ndim + 1))
    shape = tuple(int(n) for n in rng.integers(2, 5, size=ndim))
    if ones:
        shape = tuple(1 if rng.random() < 0.4 else n for n in shape)
    front = tuple(int(n) for n in rng.integers(2, 5, size=int(rng.integers(leading[0], leading[1] + 1))))
    body = tuple(int(rng.integers(2, 5)) if n == 1 else n for n in shape)
    return front + body, shape


def whole_numbers(rng, shape, dtype=np.float64):
    """Small whole numbers as floats: their sums are exact in any order, so results compare exactly."""
    return rng.integers(-9, 10, size=shape).astype(dtype)


def expected_sum(grad, shape):
    """What unbroadcast must return, computed here (not by the student's code)."""
    leading = grad.ndim - len(shape)
    axes = tuple(range(leading)) + tuple(leading + i for i, n in enumerate(shape) if n == 1)
    return np.asarray(grad.sum(axis=axes, keepdims=True).reshape(shape))


def check_sums(grad, shape):
    """Call unbroadcast once; fail if it modified grad or returned anything but grad's sums, in grad's dtype."""
    before = grad.copy()
    call = Call("unbroadcast(grad, shape)", grad=before, shape=shape)
    got = unbroadcast(grad, shape)
    unchanged(before, grad, call, "grad")
    same_values(got, expected_sum(before, shape), call, dtype=before.dtype)


def test_result_shape(rng):
    """unbroadcast: result has exactly the shape `shape`

    Hint: the result is the gradient of the input, so it has the input's shape, `shape`, exactly.
    """
    cases = SHAPE_CASES + [random_case(rng) for _ in range(2)]
    for grad_shape, shape in cases:
        grad = whole_numbers(rng, grad_shape)
        array_result(unbroadcast(grad.copy(), shape), Call("unbroadcast(grad, shape)", grad=grad, shape=shape),
                     expected_shape=shape)


def test_leading_axes(rng):
    """unbroadcast: sums the leading axes broadcasting added

    Hint: an input of shape (3,) broadcast to (4, 3) was used in all 4 rows: add the 4 rows' gradients up.
    """
    cases = [(np.arange(12.0).reshape(4, 3), (3,)), (whole_numbers(rng, (5, 2, 3)), (2, 3)),
             (whole_numbers(rng, (2, 2, 3, 4)), (3, 4)), (np.zeros((0, 3)), (3,))]
    for _ in range(2):
        grad_shape, shape = random_case(rng, leading=(1, 2), ones=False)
        cases.append((whole_numbers(rng, grad_shape), shape))
    for grad, shape in cases:
        check_sums(grad, shape)


def test_size_one_axes(rng):
    """unbroadcast: sums the axes of size 1, keeping them

    Hint: where `shape` has 1 and grad has more, the input's one element was used all along that axis: sum along
    it and keep the axis, with length 1.
    """
    cases = [(np.arange(12.0).reshape(4, 3), (4, 1)), (whole_numbers(rng, (4, 3)), (1, 3)),
             (whole_numbers(rng, (3, 4)), (1, 1)), (whole_numbers(rng, (2, 3, 4)), (2, 1, 4)),
             (whole_numbers(rng, (2, 3, 5)), (3, 1))]
    while len(cases) < 7:
        grad_shape, shape = random_case(rng, leading=(0, 1))
        if 1 in shape:
            cases.append((whole_numbers(rng, grad_shape), shape))
    for grad, shape in cases:
        check_sums(grad, shape)


def test_scalar_shape(rng):
    """unbroadcast: shape () sums every element into a 0-d result

    Hint: a scalar (shape ()) is broadcast to every element of the result, so its gradient is the sum of all of grad.
    """
    seeded = random_case(rng, leading=(1, 3), ones=False)[0]
    cases = [whole_numbers(rng, (4, 3)), whole_numbers(rng, (5,)), np.array(2.5), whole_numbers(rng, seeded)]
    for grad in cases:
        check_sums(grad, ())


def test_same_shape(rng):
    """unbroadcast: same shape returns grad's values, grad not modified

    Hint: when nothing was broadcast (grad already has the shape `shape`), the gradient passes through as it is.
    """
    seeded = random_case(rng, leading=(0, 0))[1]
    for shape in [(3, 4), (1, 3), (), (0, 2), seeded]:
        check_sums(rng.standard_normal(shape), shape)


def test_dtype_kept(rng):
    """unbroadcast: a float32 grad gives a float32 result

    Hint: keep grad's dtype: a float32 network stays float32.
    """
    cases = [((4, 3), (3,)), ((4, 3), (4, 1)), ((2, 3, 5), (3, 1)), ((4, 3), ()), ((3, 4), (3, 4)), random_case(rng)]
    for grad_shape, shape in cases:
        grad = whole_numbers(rng, grad_shape, np.float32)
        call = Call("unbroadcast(grad, shape)", grad=grad.copy(), shape=shape)
        got = unbroadcast(grad, shape)
        array_result(got, call, expected_shape=shape)
        if np.asarray(got).dtype != np.float32:
            same_values(got, expected_sum(grad, shape), call, dtype=grad.dtype)  # fails, naming the dtype


def test_finite_difference(rng):
    """unbroadcast: matches finite-difference gradient of sum(w * (a + b)) (atol about 1e-3)

    Hint: nudging one element of a changes every element of a + b it was broadcast to; the gradient adds those up.
    """
    # L(a) = sum(w * (a + b)): a + b broadcasts a (and maybe b) to w's shape, so dL/d(a + b) = w and dL/da is
    # unbroadcast(w, a.shape). Fixed pairs: a bias over a batch, an outer sum, a scalar, leading axes and a size-1
    # axis at once; then a seeded pair where b, too, may have size 1 where a does not.
    grad_shape, shape = random_case(rng, leading=(0, 1))
    leading = len(grad_shape) - len(shape)
    b_shape = grad_shape[:leading] + tuple(1 if n > 1 and rng.random() < 0.3 else m
                                           for n, m in zip(shape, grad_shape[leading:]))
    pairs = [((3,), (4, 3)), ((4, 1), (1, 3)), ((), (2, 3)), ((2, 1), (3, 2, 4)), (shape, b_shape)]
    h = 1e-5
    for a_shape, b_shape in pairs:
        a, b = rng.standard_normal(a_shape), rng.standard_normal(b_shape)
        w = rng.standard_normal(np.broadcast_shapes(a_shape, b_shape))

        def loss(a):
            return float(np.sum(w * (a + b)))

        numeric = np.zeros(a_shape)
        for index in np.ndindex(*a_shape):
            step = np.zeros(a_shape)
            step[index] = h
            numeric[index] = (loss(a + step) - loss(a - step)) / (2 * h)
        call = Call("unbroadcast(grad, shape)", grad=w.copy(), shape=a_shape)
        same_values(unbroadcast(w.copy(), a_shape), numeric, call, atol=1e-3)
