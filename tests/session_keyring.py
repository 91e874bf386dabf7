"""The kernel's session keyring, for the attack tests: plant a key a hand-in must not find, and see what
keys a hand-in left (runner/isolation/sandbox.py gives each student a fresh one; its seccomp filter denies the calls)."""
import ctypes
from pathlib import Path

ADD_KEY, KEYCTL = 248, 250  # x86_64
SESSION, KEYCTL_REVOKE = -3, 3


def plant(description, value=b"grader's secret"):
    """Add a user key to this process's session keyring (which the processes it starts inherit): its id."""
    libc = ctypes.CDLL(None, use_errno=True)
    key = libc.syscall(ADD_KEY, b"user", description.encode(), value, len(value), SESSION)
    assert key > 0, f"add_key failed (errno {ctypes.get_errno()})"
    return key


def revoke(key):
    ctypes.CDLL(None).syscall(KEYCTL, KEYCTL_REVOKE, key)


def descriptions():
    """The descriptions of the keys this process can see (/proc/keys)."""
    return [line.split(":", 1)[0].rsplit(" ", 1)[-1] for line in Path("/proc/keys").read_text().splitlines()]
