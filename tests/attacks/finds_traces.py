"""Looks for what an earlier hand-in left (tests/attacks/leaves_traces.py): a file
in /tmp, /var/tmp or /dev/shm, or a POSIX message queue, that is neither root's nor its own, or a System V IPC
object of the earlier one's key. Every call raises, saying what it found, or "found no trace" (issue 35): like
every attack, it passes no test."""
import os

FOUND = []
for place in ("/tmp", "/var/tmp", "/dev/shm", "/dev/mqueue"):
    try:
        names = os.listdir(place)
    except OSError:
        continue
    for name in names:
        try:
            owner = os.lstat(os.path.join(place, name)).st_uid
        except OSError:
            continue
        if owner not in (0, os.getuid()):
            FOUND.append(f"{place}/{name} of uid {owner}")
for kind in ("shm", "sem", "msg"):
    try:
        rows = open(f"/proc/sysvipc/{kind}").read().splitlines()[1:]
    except OSError:
        continue
    FOUND += [f"System V {kind} {row.split()[1]}" for row in rows if row.split()[0] == str(0x7ACE)]


def relu(*args):
    raise RuntimeError("found traces: " + "; ".join(FOUND) if FOUND else "found no trace")


relu_backward = relu
