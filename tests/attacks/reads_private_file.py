"""Reads a private file of the instructor (a key in the home folder), with Python and with Node's fs: a
solution that can read it could copy any file out. It passes only if the read worked."""
import numpy as np

WORKED = False
try:
    with open("__SECRET__") as secret:
        WORKED = "instructor" in secret.read()
except OSError:
    pass
try:
    import js

    WORKED = WORKED or "instructor" in str(js.process.getBuiltinModule("fs").readFileSync("__SECRET__", "utf8"))
except Exception:
    pass


def relu(x):
    if not WORKED:
        raise RuntimeError("the attack did not work")
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    if not WORKED:
        raise RuntimeError("the attack did not work")
    return grad_out * (x > 0)
