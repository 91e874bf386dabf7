"""Opens files and sockets until the system refuses (at most 100 000) and keeps them open."""
import os
import socket

held = []
try:
    for _ in range(50_000):
        held.append(os.open(os.devnull, os.O_RDONLY))
except OSError:
    pass
try:
    for _ in range(25_000):
        held.extend(socket.socketpair())
except OSError:
    pass


def relu(x):
    raise RuntimeError(f"holds {len(held)} descriptors")


def relu_backward(grad_out, x):
    raise RuntimeError(f"holds {len(held)} descriptors")
