"""Replaces its own side of the wire: the reply to loading solution.py claims a syntax error whose offset is
10**12 (the judge drew its caret with that many spaces) and whose line is negative (a line number the
results schema forbids), with a type name of a megabyte."""
import json
import struct
import sys

import numpy as np

wire = sys.modules["runner.shared.wire"]
honest_encode = wire.encode


def hostile_encode(message):
    if isinstance(message, dict) and message.get("ok") is True and "result" not in message:  # the load's reply
        header = json.dumps({"$d": [["ok", False], ["kind", "syntax"], ["type", "E" * (1 << 20)], ["message", "no"],
                                    ["line", -5], ["offset", 10 ** 12], ["text", "x = ("], ["output", ""]]}).encode()
        return wire.MAGIC + struct.pack("<I", len(header)) + header
    return honest_encode(message)


wire.encode = hostile_encode


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
