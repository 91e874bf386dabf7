"""What a uid owns on this machine, and removing all of it (issue 35): under `--isolation user` a student's uid
may leave files wherever every user may write, System V shared memory, semaphores and message queues, and
processes; none of it may outlive its hand-in, and a uid that owns any of it is never given to a student.

Where it may write is found, not listed: every directory on a local, writable file system that all users may
write to and reach from `/` (each folder above it searchable by all), found once per grading process; below
those, every folder others may pass through is searched again at each look, so folders made later count too.
POSIX message queues are files of an `mqueue` mount, where there is one; runner/isolation/unprivileged.py
also gives the student none (RLIMIT_MSGQUEUE 0), so that none is made where no mount shows them.
Needs root (to read every folder, remove what others made, and signal as the uid). Standard library only.
"""
import ctypes
import functools
import os
import shutil
import signal
import stat
import time

# File systems with nothing a student leaves behind, or not local (a network share may be huge, and is not
# this machine's to clean).
NOT_SEARCHED = {"proc", "sysfs", "cgroup", "cgroup2", "debugfs", "tracefs", "securityfs", "bpf", "pstore",
                "configfs", "fusectl", "autofs", "binfmt_misc", "hugetlbfs", "efivarfs", "selinuxfs", "nsfs",
                "rpc_pipefs", "devpts", "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs", "lustre", "afs",
                "fuse.sshfs"}
IPC_KINDS = ("shm", "sem", "msg")  # /proc/sysvipc/<kind>
IPC_RMID = 0
KILL_ROUNDS = 50


def _unescape(path):
    return path.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def _mounts():
    """{mount point: (file system type, read-only)} of this mount namespace."""
    mounts = {}
    with open("/proc/self/mountinfo") as table:
        for line in table:
            fields = line.split()
            tail = fields.index("-")
            read_only = "ro" in fields[5].split(",") or "ro" in fields[tail + 3].split(",")
            mounts[_unescape(fields[4])] = (fields[tail + 1], read_only)
    return mounts


@functools.lru_cache(maxsize=1)
def writable_places():
    """The folders every user may write to and reach, on local writable file systems (and mqueue mounts)."""
    mounts = _mounts()
    writable = [point for point, (kind, read_only) in mounts.items() if not read_only and kind not in NOT_SEARCHED]
    places, folders = [], [("/", mounts.get("/", (None, False))[1])]
    while folders:
        folder, in_read_only = folders.pop()
        for entry, info in _entries(folder):
            if not stat.S_ISDIR(info.st_mode):
                continue
            kind, read_only = mounts.get(entry.path, (None, in_read_only))
            if kind in NOT_SEARCHED or not info.st_mode & stat.S_IXOTH:
                continue
            if read_only:  # only a writable mount further down can hold a place
                if any(point.startswith(entry.path + "/") for point in writable):
                    folders.append((entry.path, True))
                continue
            if info.st_mode & stat.S_IWOTH or kind == "mqueue":
                places.append(entry.path)
            # A folder with no folder in it (two links: its own and its name) holds nothing to search further.
            if info.st_nlink != 2 or kind is not None:
                folders.append((entry.path, False))
    return tuple(sorted(set(places)))


def _entries(folder):
    """(entry, stat) of what `folder` holds, links not followed; what cannot be read is passed over."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            yield entry, entry.stat(follow_symlinks=False)
        except OSError:
            continue


def _files():
    """(path, stat) of everything in the writable places and in the folders below them others may pass."""
    seen, folders = set(), list(writable_places())
    while folders:
        for entry, info in _entries(folders.pop()):
            yield entry.path, info
            key = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode) and info.st_mode & stat.S_IXOTH and key not in seen:
                seen.add(key)
                folders.append(entry.path)


def _processes():
    """{pid: (uids, gids)}: real, effective, saved and file-system ids of every process in sight."""
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        found[int(pid)] = ({int(n) for n in fields["Uid"].split()}, {int(n) for n in fields["Gid"].split()})
    return found


def _ipc_objects():
    """[(kind, id, owner and creator uids and gids)] of every System V IPC object in this IPC namespace. The
    owner can hand a segment to another uid (IPC_SET), never its creator: both count."""
    found = []
    for kind in IPC_KINDS:
        try:
            with open(f"/proc/sysvipc/{kind}") as table:
                lines = table.read().splitlines()
        except OSError:
            continue
        header = lines[0].split()
        for line in lines[1:]:
            row = dict(zip(header, line.split()))
            ids = {int(row[name]) for name in ("uid", "gid", "cuid", "cgid") if name in row}
            found.append((kind, int(row[header[1]]), ids))
    return found


def _key_users():
    try:
        with open("/proc/key-users") as table:
            return {int(line.split(":")[0]) for line in table if ":" in line}
    except OSError:
        return set()


def owners():
    """Every id (uid or gid) that owns a process, a file in a writable place, an IPC object, or keys here."""
    ids = set(_key_users())
    for uids, gids in _processes().values():
        ids |= uids | gids
    for _, info in _files():
        ids |= {info.st_uid, info.st_gid}
    for _, _, owner in _ipc_objects():
        ids |= owner
    return ids


def owned_by(uid):
    """What `uid` (as uid or gid) owns here, one line each: empty if nothing."""
    found = [f"process {pid}" for pid, (uids, gids) in _processes().items() if uid in uids | gids]
    found += [f"file {path}" for path, info in _files() if uid in (info.st_uid, info.st_gid)]
    found += [f"System V {kind} {number}" for kind, number, owner in _ipc_objects() if uid in owner]
    found += ["keys"] if uid in _key_users() else []
    return found


def remove_everything_of(uid):
    """Kill every process of `uid`, then remove its IPC objects and every file it made in a writable place."""
    for _ in range(KILL_ROUNDS):
        _as(uid, lambda: os.kill(-1, signal.SIGKILL))
        if not any(uid in uids for uids, _ in _alive().values()):
            break
        time.sleep(0.01)
    _as(uid, lambda: _remove_ipc_of(uid))
    doomed = [(path, info) for path, info in _files() if uid in (info.st_uid, info.st_gid)]
    for path, info in doomed:
        try:
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(path)  # by descriptors, never following a link (shutil._use_fd_functions)
            else:
                os.unlink(path)
        except OSError:
            pass  # inside a folder of its removed before; what stays makes the uid one never given again


def _remove_ipc_of(uid):
    """Run as `uid` itself: root in a container lacks CAP_SYS_ADMIN (Docker keeps it from root) and so may not
    remove another's IPC objects, while their creator always may."""
    libc = ctypes.CDLL(None, use_errno=True)
    remove = {"shm": lambda n: libc.shmctl(n, IPC_RMID, None), "sem": lambda n: libc.semctl(n, 0, IPC_RMID),
              "msg": lambda n: libc.msgctl(n, IPC_RMID, None)}
    for kind, number, owner in _ipc_objects():
        if uid in owner:
            remove[kind](number)


def _alive():
    return {pid: ids for pid, ids in _processes().items() if not _is_zombie(pid)}


def _is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat") as status:
            return status.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


def _as(uid, action):
    """Run `action` in a helper process running as `uid`. Killing from there, kill(-1), the kernel applies to
    every process of the uid in one pass, so a fork bomb cannot outrun it."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            action()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
