"""The hints students read when a linear-layer test fails, chosen by what the check found (issue 22).

A check in expect.py raises a Mismatch that names its `cause`; `refine` below looks closer at the data: does
the wrong result equal a known wrong formula (W @ x + b, the mean over the batch, grad_out.T @ x, ...), or
have a telling shape (W's shape reversed, grad_out's shape for grad_b)? An exception raised by solution.py
gets a cause from EXCEPTIONS. The hint is the first of HINTS["test:cause"], HINTS["part:cause"] (part: which
of linear_backward's results), HINTS["function:cause"] and HINTS["cause"] that exists; without one, the
test's own `Hint:` docstring line is shown. conftest.py attaches the hint to the failure. Hints teach the
idea; they never give the code of the answer."""
import numpy as np

SHAPES = "x is (batch, inputs), W is (inputs, outputs), grad_out is (batch, outputs)"
HINTS = {
    # What came back is not what the contract promises (expect.array_result, expect.three_results).
    "returned_none": "The function returned None: does every path through it end in a `return`?",
    "returned_list": "It returned a Python list. Return a NumPy array: a list built in a loop or made with "
                     ".tolist() loses the shape, the dtype and NumPy's arithmetic.",
    "returned_scalar": "It returned a plain Python number, not a NumPy array: float() or .item() make one. "
                       "Return the array NumPy computed.",
    "not_array": "Return a NumPy array (np.ndarray).",
    "subclass": "Return a plain np.ndarray, not a subclass of it (np.matrix, a masked array, ...).",
    "linear_backward:returned_none": "linear_backward returned None: end it by returning the three gradients, "
                                     "(grad_x, grad_W, grad_b).",
    "returned_array": "linear_backward returned one array; it must return three, one gradient per variable of "
                      "the layer: the tuple (grad_x, grad_W, grad_b).",
    "wrong_count": "linear_backward must return exactly three gradients, (grad_x, grad_W, grad_b): one for each "
                   "of x, W and b. b is not an argument of linear_backward, but the layer used it, so its "
                   "gradient is the third.",
    "not_tuple": "Return the three gradients as a tuple, (grad_x, grad_W, grad_b).",
    "reduced": "The result has fewer elements than it should: something summed or averaged too much.",
    "reshaped": "The result has the right number of elements but the wrong shape: something flattened or "
                "reshaped it. Each result has its own shape: see the table in the statement.",
    "transposed_shape": "The result came back transposed: its shape is the expected one the wrong way round. "
                        "Let the shapes guide the order of the factors: (a, k) @ (k, c) gives (a, c).",
    "shape": "Wrong shape. Let the shapes guide you: " + SHAPES + "; each gradient has its variable's shape.",
    # What came back has the wrong kind of numbers (expect.same_dtype).
    "bool_result": "It returned True/False values; the result must be numbers.",
    "int_result": "The values came back as integers, so fractions were cut off: keep the inputs' floating "
                  "point dtype.",
    "widened": "float32 input came back as float64: something made a float64 array (np.zeros or np.ones "
               "without a dtype, astype(float), a loop filling a new array). Keep the inputs' dtype: a "
               "float32 network stays float32.",
    "narrowed": "The result has a smaller dtype than the inputs, which loses precision: keep their dtype.",
    "dtype": "Keep the inputs' dtype: the result is an array of the same kind of numbers.",
    "nan": "The result has nan where a number was due: look for 0 / 0 or inf - inf.",
    "inf": "The result is infinite where a finite number was due.",
    "mutated": "It changed an argument in place; the caller still needs it (the forward pass's x and W are "
               "read again, and grad_out may feed other layers). Careful with views: a row such as "
               "grad_out[0], or x.T, shares memory with its array, so += on it changes the original. "
               "Compute new arrays.",
    # linear's result has wrong values (refine: which wrong formula it equals).
    "no_bias": "The result equals x @ W without the bias: add b, which goes to every row.",
    "reversed": "The result equals W @ x + b: the factors are in the textbook's column-vector order, y = Wx. "
                "Here each example is a row of x, so x comes first. (These sizes happen to let W @ x fit; "
                "most do not.)",
    "transposed_W": "The result equals x @ W.T + b: this W is already (inputs, outputs) and needs no "
                    "transpose. (PyTorch's nn.Linear stores its weight as (outputs, inputs) and transposes "
                    "it; this exercise's W is the other way round.)",
    "elementwise": "The result equals x * W + b: `*` multiplies element by element (these sizes happen to let "
                   "it fit). Each output is a weighted sum over all inputs: a matrix product, @.",
    "linear:values": "linear(x, W, b) is x @ W + b: each output y[n, j] is the sum over i of x[n, i] * W[i, j], "
                     "plus b[j].",
    # linear_backward's results have wrong values or shapes (refine: which wrong formula or shape).
    "swapped": "grad_x and grad_W are swapped: return the gradients in the order of the variables, "
               "(grad_x, grad_W, grad_b). Each has its variable's shape: grad_x is x's, grad_W is W's.",
    "grad_x_untransposed": "grad_x equals grad_out @ W, with W not transposed: that product fits only when "
                           "inputs = outputs, as here. grad_x must have x's shape (batch, "
                           "inputs): grad_out (batch, outputs) needs a matrix of shape (outputs, inputs).",
    "grad_x_transposed_shape": "grad_x came back transposed, with shape (inputs, batch): it must have x's "
                               "shape, (batch, inputs). Mind the order of the factors.",
    "grad_W_transposed_shape": "grad_W came back with shape (outputs, inputs), W's shape the wrong way round: "
                               "it must have W's shape, (inputs, outputs). Which (inputs, batch) matrix times "
                               "which (batch, outputs) one gives that?",
    "grad_W_transposed": "grad_W equals the transpose of the right gradient (here the shapes are square and "
                         "cannot tell them apart). grad_W[i, j] sums x[n, i] * grad_out[n, j] over the batch: "
                         "it must be an (inputs, batch) matrix times a (batch, outputs) one.",
    "averaged": "grad_W equals the right gradient divided by the batch size. Do not average: grad_out is "
                "already dL/d(output) for the loss L (if L is a mean over the batch, its 1/batch is already "
                "inside grad_out). grad_W sums each example's contribution.",
    "grad_x:values": "grad_x[n, i] is the sum over the outputs j of grad_out[n, j] * W[i, j]: how much "
                     "input i of example n fed each output, weighted by that output's gradient.",
    "grad_W:values": "grad_W[i, j] is the sum over the batch of x[n, i] * grad_out[n, j]: every example "
                     "that used weight W[i, j] adds its share.",
    "bias_mean": "Your grad_b equals the mean over the batch: the bias is added to every row, so its "
                 "gradient is the sum of grad_out's rows, not their mean.",
    "bias_first_row": "Your grad_b equals grad_out's first row: the bias is added to every row, not only the "
                      "first, so every row's gradient counts: sum them over the batch.",
    "bias_not_summed": "grad_b has grad_out's shape (batch, outputs), but it must have b's shape, (outputs,): "
                       "the forward pass broadcast b to every row, so its gradient sums grad_out back over "
                       "the batch (what step 1's unbroadcast does).",
    "bias_wrong_axis": "grad_b summed over the wrong axis: across the outputs (one number per example) "
                       "instead of over the batch (one number per output, b's shape).",
    "bias_summed_all": "grad_b is a single number: everything was summed. Sum over the batch axis only, "
                       "keeping one number per output, b's shape.",
    "grad_b:values": "grad_b[j] is the sum over the batch of grad_out[n, j]: b[j] was added to every row.",
    # solution.py raised an exception (see EXCEPTIONS).
    "linear:matmul_shapes": "A matrix product's inner sizes must agree: (a, k) @ (k, c) gives (a, c). x is "
                            "(batch, inputs) and W is (inputs, outputs): the order of the factors, or a "
                            "transpose, is off. (Each row of x is one example.)",
    "matmul_shapes": "A matrix product's inner sizes must agree: (a, k) @ (k, c) gives (a, c). Let the shapes "
                     "guide each product: " + SHAPES + ", and grad_x must come out (batch, inputs), grad_W "
                     "(inputs, outputs). Transpose the factor whose axes are the wrong way round, and mind the "
                     "order. The traceback shows which line.",
    "broadcast": "An elementwise operation (* or +) got shapes that do not line up. `*` between two matrices "
                 "multiplies element by element; a layer's weighted sums need the matrix product, @. b, of "
                 "shape (outputs,), lines up with the last axis of (batch, outputs).",
    "packed_array": "linear_backward put its three gradients into one NumPy array; they have different "
                    "shapes, so NumPy cannot. Return them as a tuple.",
    "np_undefined": "solution.py uses np without importing it: keep `import numpy as np` at the top.",
}

# (exception type, text in its message, cause): the first that fits names an exception's cause.
EXCEPTIONS = [
    ("ValueError", "mismatch in its core dimension", "matmul_shapes"),
    ("ValueError", "not aligned", "matmul_shapes"),
    ("ValueError", "could not be broadcast together", "broadcast"),
    ("ValueError", "inhomogeneous", "packed_array"),
    ("ValueError", "setting an array element with a sequence", "packed_array"),
    ("NameError", "'np' is not defined", "np_undefined"),
]

# Known wrong formulas, tried in order on a wrong value: (cause, formula of the call's arrays).
WRONG_FORMULAS = {
    None: [  # linear(x, W, b)
        ("no_bias", lambda a: a["x"] @ a["W"]),
        ("reversed", lambda a: a["W"] @ a["x"] + a["b"]),
        ("transposed_W", lambda a: a["x"] @ a["W"].T + a["b"]),
        ("elementwise", lambda a: a["x"] * a["W"] + a["b"]),
    ],
    "grad_x": [
        ("swapped", lambda a: a["x"].T @ a["grad_out"]),
        ("grad_x_untransposed", lambda a: a["grad_out"] @ a["W"]),
    ],
    "grad_W": [
        ("swapped", lambda a: a["grad_out"] @ a["W"].T),
        ("grad_W_transposed", lambda a: a["grad_out"].T @ a["x"]),
        ("averaged", lambda a: a["x"].T @ a["grad_out"] / len(a["x"])),
    ],
    "grad_b": [
        ("bias_mean", lambda a: a["grad_out"].mean(axis=0)),
        ("bias_first_row", lambda a: a["grad_out"][0]),
        ("bias_wrong_axis", lambda a: a["grad_out"].sum(axis=1)),
    ],
}


def _equals(got, formula, arrays, atol):
    try:
        with np.errstate(all="ignore"):
            value = formula({name: np.asarray(a, dtype=float) for name, a in arrays.items()})
    except ValueError:  # the wrong formula does not fit these shapes
        return False
    got = np.asarray(got, dtype=float)
    return value.shape == got.shape and np.allclose(got, value, rtol=1e-4, atol=max(atol, 1e-6))


def _shape_cause(part, shape, arrays):
    """What a gradient of this wrong shape is, when its shape tells (None when it does not)."""
    grad_out, x, W = (np.shape(arrays.get(name)) for name in ("grad_out", "x", "W"))
    if part == "grad_b":
        return {grad_out: "bias_not_summed", grad_out[:1]: "bias_wrong_axis", (): "bias_summed_all"}.get(shape)
    if part == "grad_x":
        return {W: "swapped", x[::-1]: "grad_x_transposed_shape"}.get(shape)
    if part == "grad_W":
        return {x: "swapped", W[::-1]: "grad_W_transposed_shape"}.get(shape)
    return None


def refine(mismatch):
    """A closer cause for a wrong value or shape: the wrong formula the result equals, or what its shape is."""
    arrays = mismatch.call.arrays if mismatch.call is not None else {}
    part = getattr(mismatch, "part", None)
    if mismatch.cause in ("shape", "reshaped", "reduced", "transposed_shape") and part is not None:
        return _shape_cause(part, np.shape(mismatch.got), arrays) or mismatch.cause
    if mismatch.cause == "values":
        for cause, formula in WRONG_FORMULAS.get(part, []):
            if _equals(mismatch.got, formula, arrays, mismatch.atol):
                return cause
    return mismatch.cause


def cause_of(error):
    """What a failure's cause is: a Mismatch's (refined), an exception's from EXCEPTIONS, or None."""
    if hasattr(error, "cause"):
        return refine(error)
    student_type, message = getattr(error, "student_type", None), str(error)
    for type_name, text, cause in EXCEPTIONS:
        if student_type == type_name and text in message:
            return cause
    return None


def hint_for(test, error):
    """The hint for `error` in the test named `test`, or None (then the test's docstring hint is shown)."""
    cause = cause_of(error)
    if cause is None:
        return None
    call = getattr(error, "call", None)
    function = call.function if call is not None else str(error).split("(")[0]
    part = getattr(error, "part", None)
    keys = [f"{test}:{cause}", *([f"{part}:{cause}"] if part else []), f"{function}:{cause}", cause]
    for key in keys:
        if key in HINTS:
            return HINTS[key]
    return None
