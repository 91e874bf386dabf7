"""A throw-away root like a container's, under bubblewrap, as root: the host's system read-only, its own /tmp,
/root, /proc and /dev, this Python reachable by every user, and the folders a test binds. With `docker`, root
keeps only the capabilities Docker leaves it by default (moby's oci/caps/defaults.go: no CAP_SYS_ADMIN), so no
namespace can be made inside, as in a Gradescope container."""
import os
import shutil
import sys
from pathlib import Path

DOCKER_CAPS = ["CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP",
               "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE"]


def available():
    return shutil.which("bwrap") is not None and os.geteuid() == 0


def argv(binds=(), *, docker=False, chdir="/"):
    """bwrap's argv up to `--`; binds: [(host path, path inside, writable)]."""
    args = [shutil.which("bwrap")]
    for name in sorted(os.listdir("/")):
        path = f"/{name}"
        if name in ("proc", "dev", "tmp", "root", "autograder"):
            continue
        args += ["--symlink", os.readlink(path), path] if os.path.islink(path) else ["--ro-bind", path, path]
    # this Python (pyenv's, here, under /root, which is closed to other users), its folders open to all
    base = os.path.realpath(sys.base_prefix)
    args += ["--tmpfs", "/root"]
    args += [arg for parent in reversed(Path(base).parents) if str(parent) not in ("/", "/root")
             for arg in ("--perms", "0755", "--dir", str(parent))]
    args += ["--ro-bind", base, base, "--tmpfs", "/tmp", "--dev", "/dev", "--unshare-pid", "--proc", "/proc",
             "--die-with-parent"]
    for host, inside, writable in binds:
        args += ["--bind" if writable else "--ro-bind", str(host), inside]
    if docker:
        args += ["--cap-drop", "ALL", *[arg for cap in DOCKER_CAPS for arg in ("--cap-add", f"CAP_{cap}")]]
    return [*args, "--chdir", chdir]
