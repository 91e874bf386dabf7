"""Which uid a student process gets (issue 35): one outside every range this machine gives to users or
containers, owning nothing, and held by one student process at a time.

The ranges given: each uid and gid of /etc/passwd and /etc/group, and each range of /etc/subuid and
/etc/subgid (the ids rootless containers and user namespaces map to). The pools taken from are those that
systemd's UIDS-GIDS.md leaves unused (above its container ranges first, 1879048192-2147352575), less those
ranges, and only what this user namespace maps (/proc/self/uid_map, gid_map). Under `--isolation user`
(runner/isolation/unprivileged.py) each process gets a uid picked at random there that owns nothing
(runner/isolation/traces.py) and that no other grading process on this machine holds (a lock file, held
while the process runs); the bubblewrap sandbox, where the uid leaves nothing behind, takes two per grading
process from the same pools.
"""
import fcntl
import os
import random

POOLS = [(1_879_048_192, 2_147_352_576), (65_536, 524_288), (60_578, 61_184), (65_520, 65_534)]
TRIES = 64
LOCK_FOLDERS = ("/run/runner-student-uids", "/tmp/.runner-student-uids")


class NoFreeUid(Exception):
    """No uid may be given to a student here; the message says why, in one line."""


def _read(path):
    try:
        with open(path) as text:
            return text.read().splitlines()
    except OSError:
        return []


def given_ranges(etc="/etc"):
    """[(first, end)] of the ids this machine gives: users, groups, and subordinate id ranges."""
    given = []
    for name in ("passwd", "group"):
        for line in _read(f"{etc}/{name}"):
            fields = line.split(":")
            if len(fields) > 2 and fields[2].isdigit():
                given.append((int(fields[2]), int(fields[2]) + 1))
    for name in ("subuid", "subgid"):
        for line in _read(f"{etc}/{name}"):
            fields = line.strip().split(":")
            if len(fields) == 3 and fields[1].isdigit() and fields[2].isdigit():
                given.append((int(fields[1]), int(fields[1]) + int(fields[2])))
    return given


def _mapped(kind):
    """[(first, end)] of the ids this user namespace maps (all of them outside any)."""
    ranges = []
    for line in _read(f"/proc/self/{kind}_map"):
        inside, _, count = (int(n) for n in line.split())
        ranges.append((inside, inside + count))
    return ranges or [(0, 2 ** 32 - 1)]


def _intersect(ranges, within):
    return sorted((max(a, c), min(b, d)) for a, b in ranges for c, d in within if max(a, c) < min(b, d))


def _subtract(ranges, removed):
    for first, end in sorted(removed):
        ranges = [piece for a, b in ranges for piece in ((a, min(b, first)), (max(a, end), b)) if piece[0] < piece[1]]
    return ranges


def free_ranges(etc="/etc"):
    """[(first, end)] a student's uid (and the gid of the same number) may be taken from."""
    mapped, given = _intersect(_mapped("uid"), _mapped("gid")), given_ranges(etc)
    return [piece for pool in POOLS for piece in _subtract(_intersect([pool], mapped), given)]


def _nth(ranges, n):
    for first, end in ranges:
        if n < end - first:
            return first + n
        n -= end - first
    raise IndexError(n)


def for_process(pid, slot):
    """The bubblewrap sandbox's uid: `slot` (0 or 1) of the grading process `pid`, two per process."""
    ranges = free_ranges()
    total = sum(end - first for first, end in ranges)
    if total < 2:
        raise NoFreeUid("no uid is left for a student outside the ranges /etc/passwd, /etc/group, /etc/subuid "
                        "and /etc/subgid give")
    return _nth(ranges, (2 * pid + slot) % (total - total % 2))


class Reservation:
    """A uid held for one student process until release(): the lock file's descriptor keeps it."""

    def __init__(self, uid, fd, path):
        self.uid, self.fd, self.path = uid, fd, path

    def release(self):
        if self.fd is not None:
            try:
                os.unlink(self.path)  # while still locked: see _lock
            except FileNotFoundError:
                pass
            os.close(self.fd)
            self.fd = None


def reserve(owners, *, start=None, etc="/etc"):
    """A Reservation of a uid outside the given ranges that no other grading process holds and that is not in
    `owners()` (the ids owning anything here, runner/isolation/traces.py). start: the index in the free
    ranges to try first (default: at random); then the next ones, TRIES in all. Raises NoFreeUid."""
    ranges = free_ranges(etc)
    total = sum(end - first for first, end in ranges)
    if not total:
        raise NoFreeUid("no uid is left for a student outside the ranges /etc/passwd, /etc/group, /etc/subuid "
                        "and /etc/subgid give (and inside this user namespace's map)")
    folder = _lock_folder()
    taken = owners()
    start = random.SystemRandom().randrange(total) if start is None else start
    for n in range(min(TRIES, total)):
        uid = _nth(ranges, (start + n) % total)
        if uid in taken:
            continue
        reservation = _lock(folder, uid)
        if reservation is not None:
            return reservation
    raise NoFreeUid(f"no free uid for a student: the {min(TRIES, total)} tried each own something here or are "
                    "held by another grading process")


def _lock_folder():
    """A folder only root may use, the same for every grading process on this machine."""
    for folder in LOCK_FOLDERS:
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            continue
        if not os.access(folder, os.W_OK):  # a read-only file system
            continue
        info = os.lstat(folder)
        if not os.path.isdir(folder) or os.path.islink(folder) or info.st_uid != 0 or info.st_mode & 0o077:
            raise NoFreeUid(f"{folder} is not a folder only root may use: remove it")
        return folder
    raise NoFreeUid(f"none of {', '.join(LOCK_FOLDERS)} can be made, to hold the students' uids")


def _lock(folder, uid):
    """A Reservation of `uid` if no one else holds it, else None. Its lock file is removed at release while
    still locked, so one locked after it was opened is checked to be the file still there."""
    path = f"{folder}/{uid}"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino:
            return Reservation(uid, fd, path)
    except OSError:  # held by another grading process, or its file removed in between
        pass
    os.close(fd)
    return None
