"""Entry point of the CPython student process: answers length-prefixed wire messages on a private pipe."""
import os
import struct
import sys


def main():
    # The protocol keeps the original stdout on a private descriptor; fd 1 and 2 go to /dev/null so that
    # anything solution.py writes below Python's sys.stdout cannot corrupt the protocol.
    reply_out = os.fdopen(os.dup(1), "wb", buffering=0)
    request_in = os.fdopen(os.dup(0), "rb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdin = open(os.devnull)
    sys.stdout = sys.stderr = open(os.devnull, "w")
    import numpy  # noqa: F401  (imported before solution.py, as in Pyodide)

    from runner.student.student_side import StudentRuntime

    runtime = StudentRuntime()
    while True:
        head = _read_exactly(request_in, 4)
        if head is None:
            return
        (length,) = struct.unpack("<I", head)
        request = _read_exactly(request_in, length)
        if request is None:
            return
        reply = runtime.handle(request)
        reply_out.write(struct.pack("<I", len(reply)) + reply)


def _read_exactly(stream, n):
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


if __name__ == "__main__":
    main()
