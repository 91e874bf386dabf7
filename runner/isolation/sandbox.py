"""The sandbox every student process on a grading machine runs in: bubblewrap's command line, built here only.

What the student process gets (issue 20): its own user, PID, network, IPC and UTS namespaces (no network but
its own loopback, no other process visible); a read-only view of the system libraries, of the runtime that
runs it and of the few files it is given; an empty `/tmp` of capped size as its only writable place; limits
on memory, CPU time, processes, file size and open files (runner/isolation/sandbox_exec.py sets them inside); and
nothing of the host's home, repository or hidden tests. Killing `bwrap` ends every process inside
(`--die-with-parent` and the PID namespace). Models: bubblewrap's demos/bubblewrap-shell.sh and Flatpak.

Since issue 27 also: a seccomp filter (runner/isolation/seccomp_filter.py), a fresh empty session keyring
joined before bwrap starts, and one memory and process budget for the whole sandbox where the host has
control groups (runner/isolation/cgroups.py). `start()` prepares those for each process it starts.
"""
import ctypes
import functools
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from runner.isolation import cgroups, student_uids
from runner.isolation.seccomp_filter import SeccompUnavailable, filter_fd

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).resolve().with_name("sandbox_exec.py")
INSIDE = "/grader"  # where the student's own files appear
SCRATCH = "/tmp"
PROBE_SECONDS = 30
# On a host run as root the student must not stay root: the kernel never applies the process limit to uid 0
# (kernel/fork.c), so the launcher drops to a uid of its own, two per grading process (its student and the
# one started ahead: runner/engines/transport_process.py's Spawner), so no two sandboxes running at once
# share a count, and a fork bomb cannot starve the next file's process. They are taken outside every range
# the machine gives to users or containers (runner/isolation/student_uids.py), so no one else's count either.
SECCOMP_FD = "@seccomp-fd@"  # in a command's argv: the file descriptor start() hands the filter over on
KEYCTL = {"x86_64": 250, "aarch64": 219, "arm64": 219}  # the keyctl system call's number
KEYCTL_JOIN_SESSION_KEYRING = 1


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 2 * 1024 ** 3      # address space (CPython); data segment under Node, whose
    memory_kind: str = "AS"                # WebAssembly reserves far more address space than it uses
    cpu_seconds: int = 120                 # a whole student process: the call limits stop it long before
    processes: int = 64                    # processes and threads of the sandbox's user
    file_bytes: int = 16 * 1024 ** 2
    open_files: int = 256
    scratch_bytes: int = 64 * 1024 ** 2   # the size of /tmp

    def settings(self):
        return [f"{self.memory_kind}={self.memory_bytes}", f"CPU={self.cpu_seconds}", f"NPROC={self.processes}",
                f"FSIZE={self.file_bytes}", f"NOFILE={self.open_files}", "CORE=0"]


class SandboxUnavailable(Exception):
    """The sandbox cannot start here; the message says why and how to fix it, in one line."""


def _system_binds():
    """The system's libraries (and the loader's cache), read-only, with the /lib symlinks of a merged /usr."""
    args = []
    for path in ("/usr/lib", "/usr/lib64", "/usr/lib32", "/usr/libx32"):
        if os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in ("/lib", "/lib64", "/lib32", "/libx32"):
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    args += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    return args


def _parent_dirs(targets, skip=()):
    """`--dir` for every folder above a bind target (but those in `skip`), readable by all: bubblewrap run as
    root makes the folders it needs with mode 0700, which the student's own uid could not enter."""
    parents = set()
    for target in targets:
        parents.update(str(parent) for parent in Path(target).parents if str(parent) not in ("/", *skip))
    targets = set(targets)
    args = []
    for parent in sorted(parents, key=lambda p: (p.count("/"), p)):
        if not any(parent == t or parent.startswith(t + "/") for t in targets):
            args += ["--perms", "0755", "--dir", parent]
    return args


def python_reads():
    """What this Python (and its venv, with NumPy) needs to run: its prefixes and its executable."""
    paths = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), os.path.realpath(sys.executable)}
    if sys.prefix != os.path.realpath(sys.prefix):
        paths.add(sys.prefix)
    return sorted(paths)


def command(program, *, reads=(), mounts=None, env=None, limits=Limits(), slot=0):
    """The command that runs `program` (an argv) in the sandbox.

    reads: host paths shown read-only at the same path; mounts: {path inside: host path}, read-only;
    env: the whole environment inside (with HOME and TMPDIR the scratch folder); slot: 0 or 1, which of
    this grading process's two uids the student gets when the host runs as root."""
    bwrap = shutil.which("bwrap")
    args = [bwrap, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--hostname", "sandbox", "--clearenv", "--seccomp", SECCOMP_FD]
    if os.geteuid() == 0:
        # No user namespace for root (one would map only uid 0): the launcher keeps just enough to drop to
        # its own uid, after which it has no capability left.
        args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        args += ["--unshare-user", "--disable-userns", "--cap-drop", "ALL"]
    binds = [(str(path), str(path)) for path in reads]
    binds += [(str(host), inside) for inside, host in (mounts or {}).items()]
    binds.append((str(LAUNCHER), f"{INSIDE}/sandbox_exec.py"))
    system = _system_binds()
    system_targets = [system[i + 2] for i, arg in enumerate(system) if arg in ("--ro-bind", "--ro-bind-try")]
    # The scratch /tmp first: a runtime under /tmp (a checkout or venv there) is then bound inside it, not
    # hidden by it; and /tmp itself is never among the folders made for the binds (they are 0755).
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", str(limits.scratch_bytes),
             "--tmpfs", SCRATCH]
    args += _parent_dirs(system_targets + [inside for _, inside in binds], skip=(SCRATCH,)) + system
    for host, inside in binds:
        args += ["--ro-bind", host, inside]
    args += ["--chdir", SCRATCH]
    for name, value in {"HOME": SCRATCH, "TMPDIR": SCRATCH, "LANG": "C.UTF-8", **(env or {})}.items():
        args += ["--setenv", name, str(value)]
    launcher = [os.path.realpath(sys.executable), "-I", "-S", f"{INSIDE}/sandbox_exec.py", *limits.settings()]
    if os.geteuid() == 0:
        launcher.append(f"UID={student_uids.for_process(os.getpid(), slot)}")
    return args + ["--", *launcher, "--", *program]


class Started:
    """What one sandboxed process needs at its start, made by start(): argv with the seccomp filter's file
    descriptor, the Popen options that hand it over, join a fresh session keyring and the sandbox's control
    group; `close()` once the process is started, `remove()` once it has ended."""

    def __init__(self, argv, limits):
        self.fd = filter_fd() if any(SECCOMP_FD in arg for arg in argv) else None
        self.argv = [arg.replace(SECCOMP_FD, str(self.fd)) for arg in argv]
        self.group = cgroups.new_group(limits.memory_bytes, limits.processes) if limits else None

    def popen_options(self, preexec=None):
        group = self.group

        def before_exec():
            join_new_session_keyring()
            if group is not None:
                group.join()
            if preexec is not None:
                preexec()
        return {"pass_fds": (self.fd,) if self.fd is not None else (), "preexec_fn": before_exec}

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def remove(self):
        self.close()
        if self.group is not None:
            self.group.remove()


def start(argv, limits=None):
    """Started(argv, limits): `limits` give the control group's budget (None: no group)."""
    return Started(argv, limits)


def join_new_session_keyring():
    """Give the calling process (and so the sandbox it execs) a new, empty session keyring: the kernel's
    keyrings are not namespaced, and the grading user's session keyring may hold a login's secrets."""
    number = KEYCTL.get(platform.machine())
    if number is not None:
        ctypes.CDLL(None, use_errno=True).syscall(number, KEYCTL_JOIN_SESSION_KEYRING, None)


def describe():
    """How results graded here record the sandbox: `bubblewrap 0.8.0, seccomp, new session keyring`."""
    return f"{_probe()[1]}, seccomp, new session keyring"


def memory_budget(limits):
    """How a sandbox's memory is bounded here (runner/isolation/cgroups.py), for the results."""
    return cgroups.describe(limits.memory_bytes, limits.processes)


def ensure_available():
    """Raise SandboxUnavailable (one line: why, and how to fix it) unless a sandboxed process starts here."""
    problem, _ = _probe()
    if problem:
        raise SandboxUnavailable(problem)


@functools.lru_cache(maxsize=1)
def _probe():
    if not sys.platform.startswith("linux"):
        return (f"the grading sandbox (bubblewrap) needs Linux, this is {sys.platform}: grade on Linux, "
                "or pass --no-sandbox for files you trust"), None
    if shutil.which("bwrap") is None:
        return ("the grading sandbox needs bubblewrap: install it (`sudo apt-get install bubblewrap`, "
                "or run ./dev setup), or pass --no-sandbox for files you trust"), None
    version = subprocess.run(["bwrap", "--version"], capture_output=True, text=True).stdout.strip()
    try:
        started = start(command([os.path.realpath(sys.executable), "-I", "-S", "-c", "pass"], reads=python_reads()))
    except SeccompUnavailable as error:
        return f"the grading sandbox's seccomp filter cannot be built: {error}", None
    try:
        done = subprocess.run(started.argv, capture_output=True, text=True, timeout=PROBE_SECONDS,
                              **started.popen_options())
    except subprocess.TimeoutExpired:
        return "the grading sandbox (bubblewrap) did not start within 30 s", None
    finally:
        started.remove()
    if done.returncode == 0:
        return None, version
    return f"the grading sandbox (bubblewrap) cannot start: {_explain(done.stderr.strip())}", None


def _explain(error):
    restricted = Path("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")
    if restricted.exists() and restricted.read_text().strip() == "1":
        return (f"{error or 'no user namespace'}; this Ubuntu's AppArmor forbids unprivileged user namespaces: "
                "run `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0` (see the README)")
    clone = Path("/proc/sys/kernel/unprivileged_userns_clone")
    if clone.exists() and clone.read_text().strip() == "0":
        return (f"{error}; unprivileged user namespaces are disabled: run "
                "`sudo sysctl -w kernel.unprivileged_userns_clone=1`")
    limit = Path("/proc/sys/user/max_user_namespaces")
    if limit.exists() and limit.read_text().strip() == "0":
        return f"{error}; user namespaces are disabled: run `sudo sysctl -w user.max_user_namespaces=10000`"
    return error.splitlines()[-1] if error else "bwrap failed"
