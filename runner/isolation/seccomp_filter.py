"""The seccomp filter every sandboxed student runs under (issue 27), handed to bubblewrap as compiled BPF
(`bwrap --seccomp FD`). A blocklist, as Flatpak's (flatpak-run.c, setup_seccomp) and Docker's default
profile are: what no student process needs and what reaches past the namespaces. The kernel keyrings,
which are not namespaced; new namespaces of any kind (a nested user namespace would let a student mount
a tmpfs past the /tmp cap); mounts; io_uring; tracing, BPF and performance counters; terminal injection
(TIOCSTI, TIOCLINUX); the kernel's own knobs. System calls of another ABI (32-bit calls on x86_64) are
refused by libseccomp's architecture check. Built with libseccomp through the ctypes binding pyseccomp."""
import errno
import functools
import os

# (system call, errno): EPERM as Flatpak does; ENOSYS where a C library falls back to an older call
# (glibc's pthread_create and fork fall back from clone3 to clone, whose flags can be checked).
DENIED = [(name, errno.EPERM) for name in (
    # keyrings: not namespaced, so shared with the grading user's login (Docker: "kernel keyring")
    "add_key", "keyctl", "request_key",
    # namespaces and mounts
    "unshare", "setns", "mount", "umount", "umount2", "pivot_root", "chroot",
    # the kernel's interfaces no program here needs, and that widen what a bug in it exposes
    "io_uring_setup", "io_uring_enter", "io_uring_register", "bpf", "perf_event_open", "ptrace",
    "process_vm_readv", "process_vm_writev", "userfaultfd", "kcmp", "lookup_dcookie",
    "name_to_handle_at", "open_by_handle_at", "fanotify_init", "syslog", "uselib", "acct", "quotactl",
    "swapon", "swapoff", "reboot", "kexec_load", "kexec_file_load", "init_module", "finit_module",
    "delete_module", "iopl", "ioperm", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
    "sethostname", "setdomainname", "vhangup", "move_pages", "mbind", "migrate_pages", "set_mempolicy",
    "get_mempolicy",
)] + [(name, errno.ENOSYS) for name in (
    "clone3", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
)]
CLONE_NAMESPACES = {"CLONE_NEWNS": 0x00020000, "CLONE_NEWCGROUP": 0x02000000, "CLONE_NEWUTS": 0x04000000,
                    "CLONE_NEWIPC": 0x08000000, "CLONE_NEWUSER": 0x10000000, "CLONE_NEWPID": 0x20000000,
                    "CLONE_NEWNET": 0x40000000}
TERMINAL_IOCTLS = {"TIOCSTI": 0x5412, "TIOCLINUX": 0x541C}


class SeccompUnavailable(Exception):
    """The filter cannot be built here (no libseccomp)."""


@functools.lru_cache(maxsize=1)
def compiled_filter():
    """The filter as BPF bytes, as `bwrap --seccomp` reads it."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as error:  # OSError: the binding found no libseccomp.so.2
        raise SeccompUnavailable(f"libseccomp cannot be loaded ({error}): install libseccomp2") from None
    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    for name, code in DENIED:
        try:
            rules.add_rule(seccomp.ERRNO(code), name)
        except (ValueError, OSError):  # a call this kernel's architecture does not have
            pass
    for flag in CLONE_NAMESPACES.values():
        rules.add_rule(seccomp.ERRNO(errno.EPERM), "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    for request in TERMINAL_IOCTLS.values():
        rules.add_rule(seccomp.ERRNO(errno.EPERM), "ioctl", seccomp.Arg(1, seccomp.MASKED_EQ, 0xFFFFFFFF, request))
    fd = os.memfd_create("seccomp-export")
    with os.fdopen(fd, "w+b") as exported:
        rules.export_bpf(exported)
        exported.seek(0)
        return exported.read()


def filter_fd():
    """A new file descriptor holding the filter from its start, inheritable, for one bwrap to read."""
    fd = os.memfd_create("student-seccomp", 0)
    os.write(fd, compiled_filter())
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
