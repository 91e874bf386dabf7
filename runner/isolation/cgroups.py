"""One memory budget per sandbox (issue 27): each student's sandbox joins a control group of its own whose
memory and process count are capped, so forked children share one budget instead of each having the
per-process limit. cgroup v2 (`memory.max`, `pids.max`) where this process may create groups with those
controllers (root, or a delegated subtree); cgroup v1's memory and pids hierarchies where they are
writable (root on an older host); otherwise none, and the per-process limits bound the total (processes
times the per-process limit). `describe()` says which, for every result. Where the host has groups, a student
never runs without one: a group that cannot be made is tried once more, then GroupUnavailable refuses that
hand-in (a grader error, graded again later) instead of running it on the per-process limits alone."""
import functools
import itertools
import os
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
_numbers = itertools.count()
ATTEMPTS = 2


class GroupUnavailable(OSError):
    """This host gives students control groups, but one could not be made for this student."""


class Group:
    """A student's control group(s): `join` (in the child, before exec) moves the calling process into them;
    `remove` deletes them once the student has ended."""

    def __init__(self, folders):
        self.folders = folders

    def join(self):
        for folder in self.folders:
            with open(folder / "cgroup.procs", "w") as procs:
                procs.write("0")  # "0": the process that writes

    def remove(self):
        for folder in self.folders:
            for _ in range(50):  # the killed processes may take a moment to leave
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)


def _own_path(controller):
    """This process's group in the hierarchy of `controller` ("" for v2), from /proc/self/cgroup."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if controllers.split(",") == [controller] or (controller == "" and controllers == ""):
            return path.lstrip("/")
    return None


def _writable(folder):
    return folder.is_dir() and os.access(folder, os.W_OK)


@functools.lru_cache(maxsize=1)
def _parents():
    """("v2" | "v1" | None, the folders under which this grader makes its students' groups)."""
    unified = ROOT if (ROOT / "cgroup.controllers").exists() else ROOT / "unified"
    own = _own_path("")
    for base in ([unified / own] if own else []) + [unified]:
        controllers = (base / "cgroup.controllers").read_text().split() if (base / "cgroup.controllers").exists() else []
        if {"memory", "pids"} <= set(controllers) and _writable(base):
            parent = base / f"grader-{os.getpid()}"
            try:
                _make(parent)
                (parent / "cgroup.subtree_control").write_text("+memory +pids")
                return "v2", [parent]
            except OSError:  # the controllers are not delegated this far down
                Group([parent]).remove()
    parents = []
    for controller in ("memory", "pids"):
        own = _own_path(controller)
        base = ROOT / controller / (own or "")
        if own is None or not _writable(base):
            return None, []
        try:
            parents.append(_make(base / f"grader-{os.getpid()}"))
        except OSError:
            return None, []
    return "v1", parents


def _make(folder):
    folder.mkdir(exist_ok=True)
    return folder


def new_group(memory_bytes, processes):
    """A group capped at `memory_bytes` and `processes`, or None when this host gives no control groups; raises
    GroupUnavailable when it does but making one failed twice."""
    version, parents = _parents()
    if version is None:
        return None
    for attempt in range(ATTEMPTS):
        name = f"student-{next(_numbers)}"
        try:
            return _capped([_make(parent / name) for parent in parents], version, memory_bytes, processes)
        except OSError as error:
            Group([parent / name for parent in parents]).remove()
            if attempt + 1 == ATTEMPTS:
                raise GroupUnavailable(f"no control group ({version}) could be made for this hand-in: "
                                       f"{error.strerror or error}") from None


def _capped(folders, version, memory_bytes, processes):
    if version == "v2":
        (folders[0] / "memory.max").write_text(str(memory_bytes))
        if (folders[0] / "memory.swap.max").exists():
            (folders[0] / "memory.swap.max").write_text("0")
        (folders[0] / "pids.max").write_text(str(processes))
    else:
        memory, pids = folders
        (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
        if (memory / "memory.memsw.limit_in_bytes").exists():
            (memory / "memory.memsw.limit_in_bytes").write_text(str(memory_bytes))
        (pids / "pids.max").write_text(str(processes))
    return Group(folders)


def describe(memory_bytes, processes):
    """How a sandbox's memory is bounded here, for the results."""
    version, _ = _parents()
    gib = f"{memory_bytes / 1024 ** 3:.1f} GiB"
    if version is None:
        return f"per process: {gib} each, at most {processes} processes (no control group here)"
    return f"cgroup {version}: {gib} and {processes} processes for the whole sandbox"


def remove_parents():
    """At the grader's exit: its own parent groups, if it made any (empty by then)."""
    if _parents.cache_info().currsize:
        Group(_parents()[1]).remove()
        _parents.cache_clear()  # a later engine in this process makes them again (it ran without a group before)
