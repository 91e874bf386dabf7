"""CPython transport: the student interpreter is a child process, restarted after a timeout or a crash."""
import os
import selectors
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from runner.harness.errors import StudentCrashed, StudentTimeout

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60
MEMORY_LIMIT = 2 * 1024 ** 3  # address space of the student process: a memory bomb gets MemoryError, not the machine
MAX_REPLY = 2 * 64 * 1024 ** 2  # twice the wire's own cap: anything longer is not a reply


def _limit_memory():
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass


class ProcessTransport:
    """Sends wire messages to `python -m runner.harness.student_main` and waits for the reply."""

    def __init__(self):
        self.process = None
        self.workdir = None

    def _start(self):
        self.workdir = tempfile.TemporaryDirectory(prefix="student-")
        env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1",
               "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "runner.harness.student_main"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=self.workdir.name, env=env, bufsize=0, preexec_fn=_limit_memory if os.name == "posix" else None)
        # Start-up (interpreter + NumPy import) is not the student's time: wait for it separately.
        from runner.harness import wire

        self.request(wire.encode({"op": "info"}), STARTUP_SECONDS)

    def request(self, payload, timeout):
        if self.process is None:
            self._start()
        deadline = time.monotonic() + timeout
        try:
            self.process.stdin.write(struct.pack("<I", len(payload)) + payload)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._crashed() from None
        head = self._read(4, deadline)
        (length,) = struct.unpack("<I", head)
        if length > MAX_REPLY:  # the student wrote into the protocol pipe
            raise self._crashed()
        return self._read(length, deadline)

    def _read(self, n, deadline):
        chunks = []
        stream = self.process.stdout
        with selectors.DefaultSelector() as selector:
            selector.register(stream, selectors.EVENT_READ)
            while n:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    self.restart()
                    raise StudentTimeout("time limit")
                chunk = os.read(stream.fileno(), min(n, 1 << 20))
                if not chunk:
                    raise self._crashed()
                chunks.append(chunk)
                n -= len(chunk)
        return b"".join(chunks)

    def _crashed(self):
        code = self.process.wait() if self.process else None
        self.restart()
        detail = f"exit code {code}" if code is not None and code >= 0 else f"killed by signal {-code}"
        return StudentCrashed(detail)

    def restart(self):
        """Drop the current student process; the next request starts a fresh one."""
        process, self.process = self.process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
        if self.workdir is not None:
            self.workdir.cleanup()
            self.workdir = None

    close = restart
