"""Where bubblewrap cannot start, a student process runs as an unprivileged uid of its own (issue 30).

Docker refuses the namespaces bubblewrap needs unless a container is given more rights than Gradescope's
are, so there `check --isolation user` runs each student process as a uid no one else has: the sandbox's
resource limits and seccomp filter (runner/isolation/sandbox_exec.py sets them, then drops to the uid), a fresh
session keyring, an empty home of its own, and nothing of it left once it has ended (issue 35): a uid outside
every range the machine gives that owns nothing (runner/isolation/student_uids.py), and when its process ends
its processes killed and its files, IPC objects and message queues removed (runner/isolation/traces.py),
before the next hand-in's code runs. There are no namespaces: it sees the file system as any other user does
and keeps the network, so what it must not read or change (the tests, the exercise, the grader, the results)
must be closed to other users. `ensure_closed()` proves that with a probe running as such a uid before any
hand-in is graded, handed every path of those trees (runner/isolation/closed_paths.py says which).
Needs root (to drop to a uid), as Gradescope's run_autograder has.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from runner.isolation import sandbox, student_uids, traces

PROBE_SECONDS = 30
STUDENT_UID = "@student-uid@"  # in a command's argv: the uid start() chose for the process
# The probe's script: for each path on stdin (NUL-terminated), "read" if this uid could read (or list) it, "write"
# if it could write it (or make a file in it); a FIFO or device is asked of access(), never opened.
PROBE = """import os, sys
def report(what, path):
    sys.stdout.buffer.write(what + b" " + path + b"\\0")
for path in sys.stdin.buffer.read().split(b"\\0")[:-1]:
    if os.path.isdir(path):
        try:
            os.listdir(path); report(b"read", path)
        except OSError: pass
        try:
            name = os.path.join(path, b".probe-" + os.urandom(8).hex().encode())
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)); os.unlink(name)
            report(b"write", path)
        except OSError: pass
    elif os.path.isfile(path):
        for what, flags in ((b"read", os.O_RDONLY), (b"write", os.O_WRONLY | os.O_APPEND)):
            try:
                os.close(os.open(path, flags | os.O_NONBLOCK | os.O_NOCTTY)); report(what, path)
            except OSError: pass
    else:
        for what, mode in ((b"read", os.R_OK), (b"write", os.W_OK)):
            if os.path.lexists(path) and os.access(path, mode): report(what, path)
"""
SHOWN = 3  # the paths a refusal names; the others are counted


class IsolationUnavailable(Exception):
    """This host cannot isolate a student this way; the message says why, in one line."""


def command(program, *, env, limits, slot=0):
    """(argv, env): run `program` as a uid of its own, with `limits` and the seccomp filter, in a home of its own
    inside the folder it is started in (runner/engines/transport_process.py's scratch folder). The uid is
    chosen by start(), for each process; `slot` is the sandbox's, and means nothing here."""
    launcher = [os.path.realpath(sys.executable), "-I", "-S", str(sandbox.LAUNCHER), *limits.settings(),
                "MSGQUEUE=0", f"UID={STUDENT_UID}", f"SECCOMP={sandbox.SECCOMP_FD}", "HOME=home"]
    return [*launcher, "--", *program], {"LANG": "C.UTF-8", **env}


class Started(sandbox.Started):
    """As the sandbox's (the seccomp filter's descriptor, a fresh keyring, the control group where there is
    one), with a uid of its own held for it; when the process has ended, everything of that uid is removed."""

    def __init__(self, argv, limits):
        try:
            self.reservation = student_uids.reserve(traces.owners)
        except student_uids.NoFreeUid as error:
            raise IsolationUnavailable(f"--isolation user: {error}") from None
        self.uid = self.reservation.uid
        try:
            super().__init__([arg.replace(STUDENT_UID, str(self.uid)) for arg in argv], limits)
        except BaseException:
            self.reservation.release()
            raise

    def remove(self):
        try:
            traces.remove_everything_of(self.uid)
            super().remove()
        finally:
            self.reservation.release()


def start(argv, limits):
    return Started(argv, limits)


def describe():
    return "unprivileged user of its own (no namespaces here), seccomp, new session keyring"


def ensure_available(engine="cpython"):
    """Raise IsolationUnavailable unless a student process of `engine` can be started as another uid here."""
    if engine != "cpython":
        raise IsolationUnavailable("--isolation user grades with the cpython engine only")
    if not sys.platform.startswith("linux"):
        raise IsolationUnavailable(f"--isolation user needs Linux, this is {sys.platform}")
    if os.geteuid() != 0:
        raise IsolationUnavailable("--isolation user needs root, to run each student as a uid of its own "
                                   "(Gradescope runs run_autograder as root)")
    found, error = probe([])
    if found is None:
        raise IsolationUnavailable(f"this Python ({sys.executable}) cannot be run by another user ({error}): install "
                                   "the grader where every user can read it (as setup.sh does, in /autograder/venv)")


def ensure_closed(roots, skip=None):
    """Raise IsolationUnavailable naming what a student's uid could read or write of `roots` and every path under
    them (runner/isolation/closed_paths.py walks them, leaving out `skip`, by default what the student must
    reach): a folder it can pass through but not list still gives away what it could read inside."""
    from runner.isolation.closed_paths import walk

    found, error = probe(list(walk(roots, skip)))
    if found is None:
        raise IsolationUnavailable(f"the probe could not run as an unprivileged user ({error})")
    if found:
        raise IsolationUnavailable(refusal(found))


def refusal(found):
    """One line naming the first few of `found` ([(what, path)], parents before children) whose folder is not in
    it too (closing a folder closes what is in it), and how many more there are. The paths may hold a hand-in's
name: whoever prints the line makes it safe for a terminal (runner/grading/check.py)."""
    paths = {path for _what, path in found}
    shown = [item for item in found if os.path.dirname(item[1]) not in paths][:SHOWN]
    more = f" and {len(found) - len(shown):,} more" if len(found) > len(shown) else ""
    return ("a student could " + "; ".join(f"{what} {path}" for what, path in shown) + more
            + ": close them to other users (chmod go-rwx)")


def probe(paths):
    """([(what, path)] that a fresh student uid could do to `paths`: "read", "write"; or None if it did not run,
    error: why, in a line). The paths go on its stdin: there may be thousands."""
    with tempfile.TemporaryDirectory(prefix="probe-") as folder:
        argv, env = command([os.path.realpath(sys.executable), "-I", "-S", "-c", PROBE],
                            env={}, limits=sandbox.Limits(), slot=0)
        started = start(argv, None)
        try:
            done = subprocess.run(started.argv, input=b"".join(os.fsencode(path) + b"\0" for path in paths),
                                  capture_output=True, timeout=PROBE_SECONDS, cwd=folder, env=env,
                                  **started.popen_options())
        except subprocess.TimeoutExpired:
            return None, f"it did not finish within {PROBE_SECONDS} s"
        finally:
            started.remove()
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, (lines or [f"exit code {done.returncode}"])[-1][:300]
    records = [record.split(b" ", 1) for record in done.stdout.split(b"\0") if b" " in record]
    return [(what.decode(), os.fsdecode(path)) for what, path in records], None


def readable_copy(files):
    """A folder every user can read holding `files` ({relative path: source path}): the student's harness
    files, which the closed grader folder would hide from the student's uid. Remove it with cleanup()."""
    folder = tempfile.TemporaryDirectory(prefix="student-harness-")
    root = Path(folder.name)
    root.chmod(0o755)
    for relative, source in files.items():
        target = root / relative
        for parent in reversed(target.relative_to(root).parents):
            (root / parent).mkdir(mode=0o755, exist_ok=True)
            (root / parent).chmod(0o755)
        shutil.copyfile(source, target)
        target.chmod(0o644)
    return folder
