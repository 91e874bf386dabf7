"""Replaces its own side of the wire with small replies that would make the judge allocate far more than
they are: one 1 MB blob referenced by 2,000 byte strings (2 GB of copies), and a count of output dropped
that no output could have."""
import json
import struct
import sys

import numpy as np

wire = sys.modules["runner.shared.wire"]
honest_encode = wire.encode
BLOB = 1 << 20


def hostile_encode(message):
    if isinstance(message, dict) and "result" in message:
        header = json.dumps({"$d": [["ok", True], ["result", [{"$b": [0, BLOB]}] * 2000], ["output", "x"],
                                    ["dropped", 10 ** 15]]}).encode()
        return wire.MAGIC + struct.pack("<I", len(header)) + header + b"\0" * BLOB
    return honest_encode(message)


wire.encode = hostile_encode


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
