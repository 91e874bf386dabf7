"""Replaces its own side of the wire: every reply to a call is a header nested 100,000 lists deep, which a
JSON parser recurses into (RecursionError in CPython; fatal through C recursion in Pyodide). Before issue 27
the judge's decoder let that escape and `check` died, leaving later files ungraded and no summary."""
import struct
import sys

import numpy as np

wire = sys.modules["runner.shared.wire"]
honest_encode = wire.encode


def hostile_encode(message):
    if isinstance(message, dict) and "result" in message or message.get("ok") is False:
        header = b"[" * 100_000 + b"]" * 100_000
        return wire.MAGIC + struct.pack("<I", len(header)) + header
    return honest_encode(message)


wire.encode = hostile_encode


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
