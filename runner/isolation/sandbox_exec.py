"""Runs inside the sandbox, before any student code: sets the resource limits, then becomes the student process.

`python -I -S sandbox_exec.py NAME=VALUE ... -- PROGRAM ARG...`: NAME is a resource limit (RLIMIT_ without
the prefix), or UID: the uid to drop to when the sandbox started as root (runner/isolation/sandbox.py says why).
The limits are set here and not before `bwrap` starts: bubblewrap itself needs more than the student may
have. Without bubblewrap (runner/isolation/unprivileged.py) two more: HOME, a folder made for the uid inside
the current one, which becomes its working folder, HOME and TMPDIR; and SECCOMP, the file descriptor of the
filter this process loads itself before it becomes the student. Standard library only.
"""
import ctypes
import os
import resource
import sys

PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2


def main(argv):
    split = argv.index("--")
    settings = dict(setting.split("=", 1) for setting in argv[:split])
    uid = settings.pop("UID", None)
    home = settings.pop("HOME", None)
    seccomp = settings.pop("SECCOMP", None)
    for name, value in settings.items():
        limit = int(value)
        resource.setrlimit(getattr(resource, f"RLIMIT_{name}"), (limit, limit))
    if home is not None:
        _make_home(home, int(uid))
    if uid is not None:
        os.setgroups([])
        os.setgid(int(uid))
        os.setuid(int(uid))  # from root to another uid: the kernel clears every capability
    if _effective_capabilities() != 0:
        raise SystemExit("sandbox: capabilities left, refusing to run the student")
    if seccomp is not None:
        _load_seccomp(int(seccomp))
    program = argv[split + 1:]
    os.execv(program[0], program)


def _make_home(name, uid):
    """The uid's only writable folder: `name` inside the current folder, which others may only pass through."""
    os.chmod(".", 0o711)
    os.mkdir(name, 0o700)
    os.chown(name, uid, uid)
    home = os.path.abspath(name)
    os.chdir(home)
    os.environ.update(HOME=home, TMPDIR=home)


def _load_seccomp(fd):
    """Load the BPF filter read from `fd` (runner/isolation/seccomp_filter.py) for this process and what it execs."""
    program = b""
    while chunk := os.read(fd, 65536):
        program += chunk
    os.close(fd)

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    libc = ctypes.CDLL(None, use_errno=True)
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if (libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
            or libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0):
        raise SystemExit(f"sandbox: the seccomp filter could not be loaded ({os.strerror(ctypes.get_errno())})")


def _effective_capabilities():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("CapEff:"):
                return int(line.split()[1], 16)
    return -1


if __name__ == "__main__":
    main(sys.argv[1:])
