"""The hints students read when a test of the capstone fails: which piece, or which part of the loop, broke.

The network is trained with the pieces of steps 1 to 4 as the student interpreter has them: the track's
references when this step is graded alone, the student's own code when the track is graded as a whole. So when
a test that trains or predicts fails, the hint first replays each piece's own check on small data from the
run's seed, through `solution.steps` (steps.linear.linear_backward(...) runs the student interpreter's
linear_backward), against plain NumPy computed here, and names the first piece that disagrees. When every piece
agrees, the mistake is in the loop: the hint replays train_step on small data and recognises the usual wrong
steps (network.wrong_steps: the learning rate's sign, params never updated, biases left out, no ReLU, ...);
failing that, it looks at init_params (equal hidden units) and at what the losses did (went up, stayed flat,
became nan). A check in expect.py raises a Mismatch that names its `cause`; an exception raised by solution.py
gets a cause from EXCEPTIONS. The hint is the first of HINTS["test:cause"] and HINTS["cause"] that exists;
without one, the test's own `Hint:` docstring line is shown. Hints teach the idea; they never give the code."""
import numpy as np

import network
from pieces import broken_piece, close

# The tests whose result goes through the pieces: a failure there replays the pieces first.
THROUGH_PIECES = {"test_train_step_params", "test_train_step_loss", "test_train_step_unchanged", "test_predict",
                  "test_train_losses", "test_train_accuracy"}
FORWARD_ONLY = {"linear", "relu"}  # the pieces predict uses
TRAINING = {"test_train_losses", "test_train_accuracy"}
# Failures the page explains without a hint (and where replaying calls would only cost time).
NO_HINT_KINDS = {"not_implemented", "missing", "import", "timeout", "crash"}

STEP_DONE = ("The update is p - lr * dL/dp for each of W1, b1, W2 and b2, with dL/dp from the backward pass: "
             "softmax_cross_entropy_backward, linear_backward of layer 2, relu_backward, linear_backward of layer 1.")
HINTS = {
    # What came back is not what the contract promises (expect.py).
    "returned_none": "The function returned None: does every path through it end in a `return`?",
    "not_four": "Return the parameters as the tuple (W1, b1, W2, b2): four arrays, in that order.",
    "test_train_step_params:not_pair": "train_step returns two things, the tuple (new_params, loss): the new "
                                       "parameters, then the loss before the step.",
    "test_train_step_loss:not_pair": "train_step returns two things, the tuple (new_params, loss): the new "
                                     "parameters, then the loss before the step.",
    "test_train_step_unchanged:not_pair": "train_step returns the tuple (new_params, loss).",
    "not_pair": "train returns two things, the tuple (params, losses): the trained parameters and the list of "
                "the losses train_step returned.",
    "returned_list": "Return a NumPy array, not a list.",
    "not_array": "Return a NumPy array (np.ndarray).",
    "shape": "A parameter has the wrong shape. W1 is (n_inputs, n_hidden), b1 (n_hidden,), W2 (n_hidden, "
             "n_classes), b2 (n_classes,); each step's p - lr * grad keeps p's shape.",
    "test_init_params_shapes:shape": "A parameter has the wrong shape: W1 is (n_inputs, n_hidden), b1 "
                                     "(n_hidden,), W2 (n_hidden, n_classes), b2 (n_classes,), in the order "
                                     "(W1, b1, W2, b2). A weight matrix is (inputs of its layer, outputs).",
    "train_shape": "A parameter has the wrong shape: the network train builds has X.shape[1] inputs, n_hidden "
                   "hidden units and y.max() + 1 classes (labels run from 0 to classes - 1).",
    "not_float64": "The parameters are float64 arrays: rng.standard_normal and np.zeros give float64; an "
                   "integer array (np.zeros(n, dtype=int), or np.zeros_like of one) cannot take small steps.",
    "dtype_i": "The parameters came back as integers: keep them float64, or every step rounds away.",
    "dtype_b": "The result is True/False values; numbers were due.",
    "biases_not_zero": "The biases start at 0 (np.zeros); only the weights are random.",
    "nan": "A result has nan or inf where a number was due.",
    # init_params's randomness.
    "zero_init": "All weights start at 0: then every hidden unit computes the same thing (here 0) and gets the "
                 "same gradient at every step, so the network never learns more than one unit could (with all "
                 "weights 0, not even that). Draw the weights at random from np.random.default_rng(seed).",
    "symmetric": "Two hidden units start with the same weights, so they compute the same thing and get the same "
                 "gradient at every step: they stay copies forever. Draw every weight at random, each its own "
                 "number, from np.random.default_rng(seed).",
    "not_reproducible": "Two calls with the same seed gave different weights: draw them from a generator made "
                        "from the seed, np.random.default_rng(seed), not from np.random's global functions or "
                        "an unseeded default_rng(). The same seed must give the same network, so that a run can be "
                        "repeated.",
    "seed_ignored": "Different seeds gave the same weights: the seed you are given must seed the generator "
                    "(np.random.default_rng(seed)), not a fixed number.",
    # train_step's step, as the judge recognises it (network.wrong_steps, network.wrong_losses).
    "lr_sign": "Your train_step moves each parameter by + lr * gradient: that climbs the loss, which is why it "
               "goes up. The gradient points uphill; gradient descent steps against it: p - lr * dL/dp.",
    "not_updated": "Your train_step returns the parameters it was given, unchanged: compute each new parameter, "
                   "p - lr * dL/dp, and return those.",
    "biases_frozen": "Your train_step updates W1 and W2 but leaves b1 and b2 as they were: the biases are "
                     "parameters too, and linear_backward returns their gradients (grad_b) for the same step.",
    "weights_frozen": "Your train_step updates the biases but not the weights W1 and W2: each of the four "
                      "parameters takes its step, p - lr * dL/dp.",
    "no_relu": "Your network has no ReLU between its layers: two linear layers in a row are one linear map, "
               "which cannot separate classes that no straight line separates. Apply relu to the first layer's "
               "output in the forward pass, and relu_backward (with the pre-activation z1 = X @ W1 + b1) in the "
               "backward pass.",
    "no_mask": "Your backward pass sends the gradient through ReLU as if it were the identity: use relu_backward, "
               "which lets the gradient through only where the hidden unit was active (z1 > 0), between layer 2's "
               "linear_backward and layer 1's.",
    "lr_ignored": "Your train_step steps by the whole gradient, ignoring the learning rate: p - lr * dL/dp.",
    "averaged_twice": "Your step is batch times too small: softmax_cross_entropy_backward already divides by the "
                      "batch size (the loss is a mean), and linear_backward sums over the batch. Divide once.",
    "step_values": "Your train_step's new parameters are not one step of gradient descent. " + STEP_DONE + " Each "
                   "linear_backward takes its own layer's input and weights: (grad_logits, h, W2), then "
                   "(grad_z1, X, W1).",
    "loss_after": "Your train_step returns the loss after the step: return the loss of the params you were given, "
                  "computed in the forward pass before any update.",
    "loss_summed": "Your loss is batch times too large: softmax_cross_entropy already returns the mean over the "
                   "batch.",
    "loss_values": "The loss train_step returns is the mean cross-entropy of the params it was given, "
                   "softmax_cross_entropy(logits, y), before the update.",
    "loss_type": "The loss is one float: softmax_cross_entropy returns one; float(x) turns a NumPy scalar into one.",
    "loss_array": "The loss is one float, not an array: softmax_cross_entropy returns the batch's mean loss.",
    "mutated": "train_step changed an argument in place: the caller still needs params, X and y as they were. "
               "Compute new arrays (p - lr * grad), and do not shuffle or edit X and y: a full-batch step does not "
               "need the data in another order.",
    # predict.
    "scores": "predict returned one score per class for each example: it returns the class itself, the index of "
              "the largest logit in each row (an integer array of shape (batch,)).",
    "wrong_axis": "predict returned one number per class instead of one per example: the argmax goes along each "
                  "row (axis 1), over the classes.",
    "dtype_f": "predict returns class indices, whole numbers: the argmax of each row, not the largest logit's "
               "value or a probability.",
    "no_relu_predict": "predict's forward pass skips ReLU: it must compute what training computed, linear, relu, "
                       "linear, then the argmax of each row.",
    "predict_values": "predict runs the same forward pass as train_step (linear, relu, linear) and returns the "
                      "index of the largest logit in each row.",
    # train's losses, once the pieces and train_step are right.
    "losses_form": "losses is a list of floats with one entry per step: the loss each train_step returned, in "
                   "order (a list you append to).",
    "loss_nan": "The loss became nan or inf while every piece and train_step itself are right: the steps grew "
                "without bound. Are the weights initialised small (scaled by sqrt(2 / fan_in))? Does train pass lr "
                "as given, not scaled up?",
    "loss_up": "The loss went up while train_step itself is right: does train pass lr as given (not -lr), and "
               "keep the parameters train_step returns?",
    "loss_flat": "The loss did not go down although train_step itself is right: train must carry the parameters "
                 "forward, each step starting from the params the previous train_step returned. Calling "
                 "train_step without keeping its new_params repeats the first step forever.",
    "accuracy": "The loss went down, yet the network classifies too few held-out points. Does train use "
                "n_hidden, steps, lr and seed as given, build the network with y.max() + 1 classes, and return "
                "the params of the last step?",
    # solution.py raised an exception (see EXCEPTIONS).
    "matmul_shapes": "A matrix product's shapes do not fit: X is (batch, n_inputs), W1 (n_inputs, n_hidden), the "
                     "hidden layer (batch, n_hidden), W2 (n_hidden, n_classes). linear_backward(grad_out, x, W) "
                     "takes its layer's own input and weights: layer 2's are the hidden layer and W2, layer 1's "
                     "are X and W1.",
    "broadcast": "Shapes do not line up in an elementwise operation: each gradient has its parameter's shape, "
                 "and relu_backward's two arguments both have the hidden layer's shape (batch, n_hidden).",
    "unpack": "A function returned a different number of things than you unpacked: linear_backward returns "
              "three gradients (grad_x, grad_W, grad_b), train_step two things (new_params, loss), init_params "
              "four arrays.",
    "label_index": "An index is out of range: the labels run from 0 to n_classes - 1, and n_classes is "
                   "y.max() + 1.",
    "np_undefined": "solution.py uses np without importing it: keep `import numpy as np` at the top.",
    "undefined": "solution.py uses a name it never defines or imports: the pieces come from the imports at the "
                 "top of the starter (from linear import linear, linear_backward; ...).",
}

# (exception type, text in its message, cause): the first that fits names an exception's cause.
EXCEPTIONS = [
    ("ValueError", "mismatch in its core dimension", "matmul_shapes"),
    ("ValueError", "not aligned", "matmul_shapes"),
    ("ValueError", "could not be broadcast together", "broadcast"),
    ("ValueError", "values to unpack", "unpack"),
    ("TypeError", "cannot unpack", "unpack"),
    ("IndexError", "out of bounds", "label_index"),
    ("NameError", "'np' is not defined", "np_undefined"),
    ("NameError", "is not defined", "undefined"),
]


# -- the loop -----------------------------------------------------------------------------------------------
def _matches(got, expected):
    return len(got) == len(expected) and all(close(g, e) for g, e in zip(got, expected))


def diagnose_step(params, X, y, lr):
    """The cause of a wrong train_step on these inputs (network.wrong_steps, wrong_losses), "step_values" or
    "loss_values" for another wrong step, or None when the student's train_step is right (or raises)."""
    from solution import train_step

    try:
        new, loss = train_step(tuple(p.copy() for p in params), X.copy(), y.copy(), lr)
        new = list(new)
    except Exception:
        return None
    right, before = network.sgd_step(params, X, y, lr)
    if not _matches(new, right):
        for cause, variant in network.wrong_steps(params, X, y, lr):
            if _matches(new, variant):
                return cause
        return "step_values"
    if not close(loss, before):
        for cause, value in network.wrong_losses(params, X, y, lr):
            if close(loss, value):
                return cause
        return "loss_values"
    return None


def diagnose_init(rng):
    """The cause of an init_params that breaks training (equal hidden units), or None."""
    from solution import init_params

    try:
        W1, _, W2, _ = init_params(2, 8, 3, int(rng.integers(2**31)))
        units = np.concatenate([np.asarray(W1, dtype=float).T, np.asarray(W2, dtype=float)], axis=1)
    except Exception:
        return None
    if not np.any(units):
        return "zero_init"
    if any(np.array_equal(units[0], unit) for unit in units[1:]):
        return "symmetric"
    return None


def _small_step(rng):
    params = network.random_params(rng, 2, 5, 3)
    X = rng.standard_normal((9, 2))
    return params, X, rng.permutation(np.arange(9) % 3), 0.3


def refine(test, mismatch, rng):
    """A closer cause for a failed check: the wrong step, loss, prediction or init it comes from."""
    cause, call = mismatch.cause, mismatch.call
    arrays = call.arrays if call is not None else {}
    if test in ("test_train_step_params", "test_train_step_loss") and cause in ("values", "nan"):
        return diagnose_step(arrays["params"], arrays["X"], arrays["y"], arrays["lr"]) or (
            "step_values" if test == "test_train_step_params" else "loss_values")
    if test in TRAINING:
        if cause == "shape":
            return "train_shape"
        if cause in ("loss_nan", "loss_up", "loss_flat", "accuracy"):
            return diagnose_step(*_small_step(rng)) or diagnose_init(rng) or cause
    if test == "test_predict":
        got, X = mismatch.got, arrays.get("X")
        if cause == "shape" and isinstance(got, np.ndarray) and X is not None:
            return "scores" if got.ndim == 2 and got.shape[0] == len(X) else "wrong_axis"
        if cause == "values":
            no_relu = np.argmax(network.forward(arrays["params"], X, relu=False)[2], axis=1)
            return "no_relu_predict" if np.array_equal(got, no_relu) else "predict_values"
    if cause == "symmetric" and not np.any(mismatch.got):
        return "zero_init"
    return cause


def cause_of(test, error, rng):
    if hasattr(error, "cause"):
        return refine(test, error, rng)
    student_type, message = getattr(error, "student_type", None), str(error)
    for type_name, text, cause in EXCEPTIONS:
        if student_type == type_name and text in message:
            return cause
    return None


def _rng(test):
    """Small data of the replays: from the run's seed, so that a hint is the same on the same seed."""
    from runner.judge.seeding import run_seed, seed_for_test

    seed = run_seed()
    return np.random.default_rng(seed_for_test(seed if seed is not None else 0, f"{test}:hint"))


def hint_for(test, error):
    """The hint for `error` in the test named `test`, or None (then the test's docstring hint is shown)."""
    if getattr(error, "kind", None) in NO_HINT_KINDS:
        return None
    rng = _rng(test)
    try:
        if test in THROUGH_PIECES and getattr(error, "cause", None) != "mutated":
            broken = broken_piece(rng, FORWARD_ONLY if test == "test_predict" else None)
            if broken is not None:
                return broken
        cause = cause_of(test, error, rng)
    except Exception:  # a replay that went wrong in an unforeseen way: the test's own hint is shown
        return None
    if cause is None:
        return None
    for key in (f"{test}:{cause}", cause):
        if key in HINTS:
            return HINTS[key]
    return None
