"""Runs inside the sandbox, before any student code: sets the resource limits, then becomes the student process.

`python -I -S sandbox_exec.py NAME=VALUE ... -- PROGRAM ARG...`: NAME is a resource limit (RLIMIT_ without
the prefix), or UID: the uid to drop to when the sandbox started as root (runner/grading/sandbox.py says why).
The limits are set here and not before `bwrap` starts: bubblewrap itself needs more than the student may
have. Standard library only.
"""
import os
import resource
import sys


def main(argv):
    split = argv.index("--")
    settings = dict(setting.split("=", 1) for setting in argv[:split])
    uid = settings.pop("UID", None)
    for name, value in settings.items():
        limit = int(value)
        resource.setrlimit(getattr(resource, f"RLIMIT_{name}"), (limit, limit))
    if uid is not None:
        os.setgroups([])
        os.setgid(int(uid))
        os.setuid(int(uid))  # from root to another uid: the kernel clears every capability
    if _effective_capabilities() != 0:
        raise SystemExit("sandbox: capabilities left, refusing to run the student")
    program = argv[split + 1:]
    os.execv(program[0], program)


def _effective_capabilities():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("CapEff:"):
                return int(line.split()[1], 16)
    return -1


if __name__ == "__main__":
    main(sys.argv[1:])
