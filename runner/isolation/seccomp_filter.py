"""The seccomp filter every sandboxed student runs under (issues 27 and 35), handed to bubblewrap as compiled BPF
(`bwrap --seccomp FD`) or loaded by runner/isolation/sandbox_exec.py. An allow-list, as Docker's default profile
is (github.com/moby/profiles, seccomp/default.json): the calls CPython with NumPy and Node with Pyodide make, or
may make through their standard libraries, and never one that Docker's profile refuses; every other call fails
with EPERM, so a call a newer kernel adds is refused until it is listed here. tests/test_seccomp_allow_list.py
compares it with Docker's profile call by call, in the kernel. Some of Docker's calls stay refused on purpose:
see REFUSED_THOUGH_DOCKER_ALLOWS. System calls of another ABI (32-bit calls on x86_64) fail libseccomp's
architecture check, which kills the process. Built with libseccomp through the ctypes binding pyseccomp."""
import errno
import functools
import os

# Allowed whatever their arguments. Names one architecture lacks (open on aarch64, arch_prctl elsewhere) and
# names this libseccomp does not know are skipped: the call stays refused.
ALLOWED = (
    # files and folders
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "preadv2", "pwritev", "pwritev2",
    "open", "openat", "creat", "close", "close_range", "lseek", "dup", "dup2", "dup3", "fcntl", "flock",
    "stat", "fstat", "lstat", "newfstatat", "statx", "statfs", "fstatfs", "access", "faccessat", "faccessat2",
    "getdents", "getdents64", "getcwd", "chdir", "fchdir", "mkdir", "mkdirat", "rmdir", "rename", "renameat",
    "renameat2", "unlink", "unlinkat", "link", "linkat", "symlink", "symlinkat", "readlink", "readlinkat",
    "mknod", "mknodat", "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "fchown", "fchownat", "lchown",
    "umask", "truncate", "ftruncate", "fallocate", "fsync", "fdatasync", "sync_file_range", "fadvise64",
    "readahead", "utime", "utimes", "utimensat", "futimesat", "getxattr", "lgetxattr", "fgetxattr",
    "setxattr", "lsetxattr", "fsetxattr", "listxattr", "llistxattr", "flistxattr", "removexattr",
    "lremovexattr", "fremovexattr", "sendfile", "copy_file_range", "splice", "tee",
    "inotify_init", "inotify_init1", "inotify_add_watch", "inotify_rm_watch",
    # waiting on files, pipes, events and timers
    "pipe", "pipe2", "poll", "ppoll", "select", "pselect6", "epoll_create", "epoll_create1", "epoll_ctl",
    "epoll_wait", "epoll_pwait", "epoll_pwait2", "eventfd", "eventfd2", "signalfd", "signalfd4",
    "timerfd_create", "timerfd_settime", "timerfd_gettime",
    # memory
    "brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "msync", "mincore", "memfd_create",
    "membarrier", "pkey_alloc", "pkey_free", "pkey_mprotect", "map_shadow_stack", "mseal",
    # processes and threads (clone has its own rule below)
    "fork", "vfork", "execve", "execveat", "exit", "exit_group", "wait4", "waitid", "kill", "tkill", "tgkill",
    "pidfd_open", "pidfd_send_signal", "futex", "futex_waitv", "futex_wake", "futex_wait", "futex_requeue",
    "set_robust_list", "get_robust_list", "set_tid_address", "rseq", "arch_prctl", "prctl", "getpid",
    "getppid", "gettid", "getpgid", "setpgid", "getpgrp", "getsid", "setsid", "getrusage", "getrlimit",
    "setrlimit", "prlimit64", "getpriority", "setpriority", "sched_yield", "sched_getaffinity",
    "sched_setaffinity", "sched_getparam", "sched_setparam", "sched_getscheduler", "sched_setscheduler",
    "sched_getattr", "sched_setattr", "sched_get_priority_max", "sched_get_priority_min",
    "sched_rr_get_interval", "getcpu", "capget",
    # who the process is: sandbox_exec.py drops to the student's uid under the filter; without a capability
    # a process can only trade the ids it already has
    "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid", "getgroups", "setuid", "setgid",
    "setreuid", "setregid", "setresuid", "setresgid", "setgroups", "setfsuid", "setfsgid",
    # signals
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigsuspend", "rt_sigtimedwait",
    "rt_sigqueueinfo", "rt_tgsigqueueinfo", "sigaltstack", "pause", "restart_syscall",
    # time
    "clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time", "times",
    "alarm", "getitimer", "setitimer", "timer_create", "timer_settime", "timer_gettime", "timer_getoverrun",
    "timer_delete",
    # sockets (socket has its own rule below): the sandbox's network namespace has only its loopback
    "socketpair", "bind", "connect", "listen", "accept", "accept4", "getsockname", "getpeername",
    "getsockopt", "setsockopt", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "shutdown",
    # the system, read-only
    "uname", "sysinfo", "getrandom",
)
# Calls Docker's default profile allows that no student process here needs, refused all the same: what would
# reach the host's mounts, other processes, its clock or disks; IPC objects that outlive the process (System V
# and POSIX message queues: without an IPC namespace, under `--isolation user`, they stay on the machine); and
# kernel interfaces that only widen what a bug in the kernel exposes. Listed for the reader and the tests; the
# filter never reads it.
REFUSED_THOUGH_DOCKER_ALLOWS = (
    "adjtimex", "clock_adjtime", "cachestat", "capset", "epoll_ctl_old", "epoll_wait_old", "fanotify_mark",
    "get_thread_area", "set_thread_area", "modify_ldt", "io_setup", "io_submit", "io_getevents",
    "io_pgetevents", "io_cancel", "io_destroy", "ioprio_get", "ioprio_set", "landlock_create_ruleset",
    "landlock_add_rule", "landlock_restrict_self", "listmount", "statmount", "memfd_secret", "mlock", "mlock2",
    "mlockall", "munlock", "munlockall", "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify",
    "mq_getsetattr", "msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semtimedop", "semctl",
    "shmget", "shmat", "shmdt", "shmctl", "name_to_handle_at", "openat2", "process_mrelease", "ptrace",
    "process_vm_readv", "process_vm_writev", "remap_file_pages", "seccomp", "sync", "syncfs", "uretprobe",
    "vmsplice", "getxattrat", "setxattrat", "listxattrat", "removexattrat",
)
# Refused with ENOSYS, not EPERM: a C library takes ENOSYS as "this kernel is older" and falls back to a call
# the filter can check (glibc's pthread_create and fork fall back from clone3, whose flags sit in memory a
# filter cannot read, to clone; libmount from the new mount API to mount, refused in turn). Docker's profile
# answers clone3 the same way.
FALLBACK_ENOSYS = ("clone3", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
                   "mount_setattr")
# clone is allowed only without a new namespace of any kind: a nested user namespace would let a student
# mount a tmpfs past the /tmp cap. The same mask as Docker's profile.
CLONE_NAMESPACES = {"CLONE_NEWNS": 0x00020000, "CLONE_NEWCGROUP": 0x02000000, "CLONE_NEWUTS": 0x04000000,
                    "CLONE_NEWIPC": 0x08000000, "CLONE_NEWUSER": 0x10000000, "CLONE_NEWPID": 0x20000000,
                    "CLONE_NEWNET": 0x40000000}
# ioctl is allowed but for terminal injection. The kernel reads its request as 32 bits, so only those are
# compared (a request with high bits set is the same request to the kernel).
TERMINAL_IOCTLS = {"TIOCSTI": 0x5412, "TIOCLINUX": 0x541C}
# personality takes only Docker's personas: PER_LINUX, PER_LINUX32, each with UNAME26, and 0xffffffff, which
# only asks for the current one; never READ_IMPLIES_EXEC or ADDR_NO_RANDOMIZE.
PERSONAS = (0x0, 0x8, 0x20000, 0x20008, 0xFFFFFFFF)
# socket only for the families these runtimes use (glibc's getaddrinfo asks netlink for the interfaces).
SOCKET_FAMILIES = {"AF_UNIX": 1, "AF_INET": 2, "AF_INET6": 10, "AF_NETLINK": 16}
LOW_32_BITS = 0xFFFFFFFF


class SeccompUnavailable(Exception):
    """The filter cannot be built here (no libseccomp)."""


def all_but(excluded, bits=32):
    """(mask, value) pairs that together match every `bits`-wide number but those in `excluded`: x matches a
    pair when x & mask == value. libseccomp cannot say "not equal under a mask" and drops the conditional rules
    of a call once it also has an unconditional one, so an exception is written as the rest of the space: the
    branches a binary tree of `excluded` does not take."""
    pairs = []

    def branch(values, bit, mask, value):
        for side in (0, 1):
            here = [v for v in values if (v >> bit) & 1 == side]
            taken = (mask | 1 << bit, value | side << bit)
            if not here:
                pairs.append(taken)
            elif bit > 0:
                branch(here, bit - 1, *taken)
    branch(sorted(set(excluded)), bits - 1, 0, 0)
    return pairs


@functools.lru_cache(maxsize=1)
def compiled_filter():
    """The filter as BPF bytes, as `bwrap --seccomp` reads it."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as error:  # OSError: the binding found no libseccomp.so.2
        raise SeccompUnavailable(f"libseccomp cannot be loaded ({error}): install libseccomp2") from None
    rules = seccomp.SyscallFilter(seccomp.ERRNO(errno.EPERM))

    def add(action, name, *args):
        try:
            rules.add_rule(action, name, *args)
        except (ValueError, OSError):  # a call this architecture, or this libseccomp, does not know
            pass
    for name in ALLOWED:
        add(seccomp.ALLOW, name)
    for name in FALLBACK_ENOSYS:
        add(seccomp.ERRNO(errno.ENOSYS), name)
    add(seccomp.ALLOW, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, sum(CLONE_NAMESPACES.values()), 0))
    for mask, value in all_but(TERMINAL_IOCTLS.values()):
        add(seccomp.ALLOW, "ioctl", seccomp.Arg(1, seccomp.MASKED_EQ, mask, value))
    for persona in PERSONAS:
        add(seccomp.ALLOW, "personality", seccomp.Arg(0, seccomp.MASKED_EQ, LOW_32_BITS, persona))
    for family in SOCKET_FAMILIES.values():
        add(seccomp.ALLOW, "socket", seccomp.Arg(0, seccomp.MASKED_EQ, LOW_32_BITS, family))
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
