"""Process transport: the student interpreter is a child process (CPython, or Pyodide under Node; in the
sandbox on a grading machine: runner/engines/student_process.py), restarted after a timeout or a crash."""
import os
import selectors
import signal
import struct
import subprocess
import tempfile
import time

from runner.judge.errors import StudentCrashed, StudentTimeout

STARTUP_SECONDS = 60
MAX_REPLY = 2 * 64 * 1024 ** 2  # twice the wire's own cap: anything longer is not a reply


def _memory_limiter(limit):
    """A preexec function: the student's address space, so that a memory bomb gets MemoryError, not the
    machine (the sandbox sets its own limits inside instead)."""
    def limit_memory():
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass
    return limit_memory if limit and os.name == "posix" else None


class Spawner:
    """Starts student processes from a launch (runner/engines/student_process.py), one ahead: the next process boots
    (interpreter, NumPy) while the current file is graded, and is there at once after a timeout or a crash.
    A process serves one transport, and so one hand-in, only; the one ahead has run no student code."""

    def __init__(self, launch, *, ahead=True):
        self.launch = launch
        self.keep_one_ahead = ahead
        self.ahead = None
        self.spawned = 0

    def take(self):
        """(process, workdir): a started process whose `info` request is already sent."""
        started, self.ahead = self.ahead or self._spawn(), None
        if self.keep_one_ahead:
            try:
                self.ahead = self._spawn()
            except Exception:  # not this hand-in's failure: the next one's own start tries again and says why
                pass
        return started

    def _spawn(self):
        from runner.shared import wire

        argv = self.launch.alternate if self.spawned % 2 and self.launch.alternate else self.launch.argv
        self.spawned += 1
        workdir = _Scratch()
        options = {"preexec_fn": _memory_limiter(self.launch.memory_limit)}
        if self.launch.limits is not None:  # sandboxed: its seccomp filter, keyring and control group
            from runner.isolation import sandbox

            try:
                workdir.sandbox = (self.launch.starter or sandbox.start)(argv, self.launch.limits)
            except BaseException:
                workdir.cleanup()
                raise
            argv, options = workdir.sandbox.argv, workdir.sandbox.popen_options(options["preexec_fn"])
        try:
            process = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=None if os.environ.get("GRADER_DEBUG") else subprocess.DEVNULL,
                cwd=workdir.name, env=self.launch.env, bufsize=0, **options)
        finally:
            if workdir.sandbox is not None:
                workdir.sandbox.close()
        info = wire.encode({"op": "info"})
        try:
            process.stdin.write(struct.pack("<I", len(info)) + info)
        except OSError:
            pass  # it died at once: reading its reply says so
        return process, workdir

    def close(self):
        if self.ahead is not None:
            _end(*self.ahead)
            self.ahead = None


def _end(process, workdir):
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
        try:
            stream.close()
        except OSError:
            pass
    workdir.cleanup()


class _Scratch:
    """A student process's working folder, and what its sandbox's start made (runner/isolation/sandbox.py's Started),
    both removed when the process has ended."""

    def __init__(self):
        self.folder = tempfile.TemporaryDirectory(prefix="student-")
        self.name = self.folder.name
        self.sandbox = None

    def cleanup(self):
        if self.sandbox is not None:
            self.sandbox.remove()
        self.folder.cleanup()


class ProcessTransport:
    """Sends wire messages to a student process (from a Spawner, or a launch) and waits for the reply."""

    def __init__(self, launch_or_spawner):
        self.spawner = (launch_or_spawner if isinstance(launch_or_spawner, Spawner)
                        else Spawner(launch_or_spawner, ahead=False))
        self.owns_spawner = self.spawner is not launch_or_spawner
        self.process = None
        self.workdir = None
        self.info = None  # the student's own `info` reply: its Python's and NumPy's versions

    def _start(self):
        from runner.shared.wire_decode import decode

        # A process that ended before it answered `info` had run no student code (one started ahead and left
        # waiting was once seen killed in a long test session): that is the grader's loss, so a fresh one is
        # taken, once. Start-up (interpreter + NumPy import) is not the student's time: it is waited for apart.
        for attempt in (1, 2):
            self.process, self.workdir = self.spawner.take()
            try:
                self.info = decode(self._reply(time.monotonic() + STARTUP_SECONDS))
                return
            except StudentCrashed:
                if attempt == 2:
                    raise

    def request(self, payload, timeout):
        if self.process is None:
            self._start()
        deadline = time.monotonic() + timeout
        try:
            self.process.stdin.write(struct.pack("<I", len(payload)) + payload)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._crashed() from None
        return self._reply(deadline)

    def _reply(self, deadline):
        """One length-prefixed reply, whole by `deadline`."""
        (length,) = struct.unpack("<I", self._read(4, deadline))
        if length > MAX_REPLY:  # the student wrote into the protocol pipe
            raise self._crashed("it wrote into the grader's channel")
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

    def _crashed(self, reason=None):
        # A process that wrote something that is not a reply may still be running: it is ended, not awaited.
        if self.process is not None and self.process.poll() is None:
            try:
                self.process.wait(0.5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        code = self.process.wait() if self.process else None
        self.restart()
        detail = reason or (f"exit code {code}" if code is not None and code >= 0 else f"killed by signal {-code}")
        crashed = StudentCrashed(detail)
        # SIGKILL (bwrap reports its child's as exit code 137): seen once in a few full test runs, on an
        # honest solution, during its import; a solution that kills itself is killed again on the retry.
        crashed.killed = reason is None and code in (137, -signal.SIGKILL)
        return crashed

    def restart(self):
        """Drop the current student process; the next request starts a fresh one."""
        process, self.process = self.process, None
        if process is not None:
            _end(process, self.workdir)
        self.workdir = None

    def close(self):
        self.restart()
        if self.owns_spawner:
            self.spawner.close()
