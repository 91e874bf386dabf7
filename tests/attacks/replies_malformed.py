"""Replaces its own side of the wire with replies whose tagged values have the wrong types and sizes: a
complex that is a number, bytes at a bool offset, an array of a made-up dtype, a shape of negative sizes,
a zero-width dtype claiming 10**18 elements, a scalar with too few bytes. Before issue 27 a malformed tag
raised TypeError out of the judge's decoder and `check` died."""
import json
import struct
import sys

import numpy as np

wire = sys.modules["runner.shared.wire"]
honest_encode = wire.encode
TAGS = [{"$c": 5}, {"$b": [False, 0]}, {"$nd": ["no-such-dtype", [1], 0, 8]}, {"$nd": ["<f8", [-1, -1], 0, 8]},
        {"$nd": ["S0", [10 ** 9, 10 ** 9], 0, 0]}, {"$np": ["<f8", 0, 2]}, {"$d": 7}, {"$t": {"a": 1}},
        {"$o": [10 ** 100, None]}, {"$nd": ["<f8", [1], 0, 8], "cls": ["list"]}]
calls = 0


def hostile_encode(message):
    global calls
    if isinstance(message, dict) and "result" in message:
        calls += 1
        header = json.dumps({"$d": [["ok", True], ["result", TAGS[calls % len(TAGS)]], ["output", ""]]}).encode()
        return wire.MAGIC + struct.pack("<I", len(header)) + header + b"\0" * 8
    return honest_encode(message)


wire.encode = hostile_encode


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
