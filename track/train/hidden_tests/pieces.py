"""The capstone's pieces replayed (hints.py uses this): each earlier step's function, as the student interpreter has
it (through `solution.steps`: the track's references when this step is graded alone, the student's own code when
the track is graded as a whole), called on small data from the run's seed and compared with plain NumPy; the
first piece that disagrees is named, with what it got wrong."""
import numpy as np

import network

STEPS = {"tensors": 1, "relu": 2, "linear": 3, "softmax": 4}


def close(got, expected):
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(expected) and bool(np.allclose(got, expected, rtol=1e-6, atol=1e-8))


def _first_difference(name, got, expected):
    """'grad_W[0, 2] should be 0.5123, got -0.5123', or what is wrong with its shape or type."""
    if not isinstance(got, (np.ndarray, np.generic, float, int)) or isinstance(got, bool):
        return f"{name} should be {_number_or_shape(expected)}, but came back as a {type(got).__name__}"
    got = np.asarray(got, dtype=float)
    if got.shape != np.shape(expected):
        return f"{name} should have shape {np.shape(expected)}, got {got.shape}"
    if np.ndim(expected) == 0:
        return f"{name} should be {float(expected):.6g}, got {float(got):.6g}"
    index = tuple(int(i) for i in np.argwhere(~np.isclose(got, expected, rtol=1e-6, atol=1e-8))[0])
    return f"{name}{list(index)} should be {expected[index]:.6g}, got {got[index]:.6g}"


def _number_or_shape(expected):
    return f"{float(expected):.6g}" if np.ndim(expected) == 0 else f"an array of shape {np.shape(expected)}"


def _piece_checks(rng):
    """(module, function, how it was called, the call, [(result's name, expected)]) for each piece, in the order
    the forward and backward passes use them."""
    batch, inputs, outputs, classes = 4, 3, 5, 3
    x, W = rng.standard_normal((batch, inputs)), rng.standard_normal((inputs, outputs))
    b = rng.standard_normal(outputs)
    z = rng.standard_normal((batch, outputs))
    z = np.copysign(0.1 + np.abs(z), z)  # no element on ReLU's kink
    grad = rng.standard_normal((batch, outputs))
    logits, labels = 2 * rng.standard_normal((batch, classes)), rng.permutation(np.arange(batch) % classes)
    logits[0] *= 500  # one row of huge logits, as a diverging network makes: exp overflows without log-sum-exp
    shown = f"x of shape {x.shape}, W {W.shape}, b {b.shape}"
    return [
        ("linear", "linear", f"linear(x, W, b) with {shown}", lambda f: f(x.copy(), W.copy(), b.copy()),
         [("the output", x @ W + b)]),
        ("relu", "relu", f"relu(x) with x of shape {z.shape}", lambda f: f(z.copy()),
         [("the output", np.maximum(z, 0))]),
        ("softmax", "softmax_cross_entropy", f"softmax_cross_entropy(logits, labels) with logits of shape "
         f"{logits.shape}, one row of them in the hundreds", lambda f: f(logits.copy(), labels.copy()),
         [("the loss", network.cross_entropy(logits, labels))]),
        ("softmax", "softmax_cross_entropy_backward", f"softmax_cross_entropy_backward(logits, labels) with logits "
         f"of shape {logits.shape}, one row of them in the hundreds", lambda f: f(logits.copy(), labels.copy()),
         [("the gradient", network.cross_entropy_gradient(logits, labels))]),
        ("relu", "relu_backward", f"relu_backward(grad_out, x) with both of shape {z.shape}",
         lambda f: f(grad.copy(), z.copy()), [("the gradient", grad * (z > 0))]),
        ("linear", "linear_backward", f"linear_backward(grad_out, x, W) with grad_out of shape {grad.shape}, "
         f"x {x.shape}, W {W.shape}", lambda f: f(grad.copy(), x.copy(), W.copy()),
         [("grad_x", grad @ W.T), ("grad_W", x.T @ grad), ("grad_b", grad.sum(axis=0))]),
    ]


def broken_piece(rng, only=None):
    """A hint naming the first piece (as the student interpreter has it; of `only`, when given) that disagrees
    with plain NumPy on small data, or None when every piece agrees."""
    import solution

    steps = solution.steps
    for module, name, shown, run, parts in _piece_checks(rng):
        if not hasattr(steps, module) or only is not None and name not in only:
            continue
        where = f"your {name} (step {STEPS[module]}, module {module})"
        fix = f" Fix it in step {STEPS[module]}: its own tests show the details."
        try:
            got = run(getattr(getattr(steps, module), name))
        except Exception as error:  # the piece raised: the judge's proxy says which exception
            return f"Training cannot work: {where} raised an exception on {shown}: {str(error)[:300]}.{fix}"
        if len(parts) > 1:
            if not isinstance(got, (tuple, list)) or len(got) != len(parts):
                return (f"Training cannot work: {where} should return the {len(parts)} gradients "
                        f"({', '.join(part for part, _ in parts)}), but on {shown} it returned a "
                        f"{type(got).__name__}.{fix}")
        else:
            got = [got]
        for value, (part_name, expected) in zip(got, parts):
            if not close(value, expected):
                text = (f"Training cannot work: {where} is wrong. On {shown}, "
                        f"{_first_difference(part_name, value, expected)}.")
                if part_name == "grad_b" and _unbroadcast_wrong(steps, rng):
                    return text + (" Your unbroadcast (step 1, module tensors), which linear_backward may call, is "
                                   "wrong too: unbroadcast(grad, (outputs,)) of a (batch, outputs) grad must sum "
                                   "over the batch. Fix step 1 first, then check step 3 again: each step's own "
                                   "tests show the details.")
                return text + fix
    return None


def _unbroadcast_wrong(steps, rng):
    """When grad_b is wrong: whether step 1's unbroadcast, which linear_backward may call, is wrong too."""
    if not hasattr(steps, "tensors"):
        return False
    grad = rng.standard_normal((4, 5))
    try:
        got = steps.tensors.unbroadcast(grad.copy(), (5,))
    except Exception:
        return True
    return not close(got, grad.sum(axis=0))
