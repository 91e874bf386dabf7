"""Leaves what the grader's machine keeps when it has no namespaces (`--isolation user`, issue 35): files every
user may read in /tmp, /var/tmp and /dev/shm (and a folder of them), System V shared memory, a semaphore set
and a message queue, a POSIX message queue, and a process still running that holds the segment; all named
or keyed "trace", for tests/attacks/finds_traces.py, graded after it, to find. Each call that fails is skipped:
the seccomp filter refuses some of them. Like every attack, it passes no test."""
import ctypes
import os
import time

IPC_CREAT, KEY = 0o1000, 0x7ACE


def attempt(action):
    try:
        action()
    except Exception:
        pass


def leave_file(path):
    with open(path, "w") as out:
        out.write("left by an earlier hand-in\n" * 1000)
    os.chmod(path, 0o666)


def leave_folder(path):
    os.mkdir(path, 0o777)
    os.chmod(path, 0o777)
    leave_file(os.path.join(path, "trace-inside"))


for place in ("/tmp", "/var/tmp", "/dev/shm"):
    attempt(lambda: leave_file(f"{place}/trace-file"))
    attempt(lambda: leave_folder(f"{place}/trace-folder"))
libc = ctypes.CDLL(None, use_errno=True)
segment = libc.shmget(KEY, 1 << 20, IPC_CREAT | 0o666)
libc.semget(KEY, 1, IPC_CREAT | 0o666)
libc.msgget(KEY, IPC_CREAT | 0o666)
libc.mq_open(b"/trace-queue", os.O_CREAT | os.O_RDWR, 0o666, None)
if os.fork() == 0:  # detached, holding the segment, and writing again once the grader has cleaned up
    os.setsid()
    for fd in (0, 1, 2):
        os.dup2(os.open(os.devnull, os.O_RDWR), fd)
    if segment >= 0:
        libc.shmat(segment, None, 0)
    time.sleep(3)
    attempt(lambda: leave_file("/tmp/trace-late"))
    time.sleep(60)
    os._exit(0)


def relu(x):
    raise RuntimeError("left what it could")


relu_backward = relu
