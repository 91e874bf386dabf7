"""Makes system calls under the sandbox's seccomp filter and prints the errno each got, for
tests/test_seccomp_allow_list.py. None of them reaches the kernel.

`python seccomp_probe.py FD SANDBOX_EXEC` reads a JSON list of calls, [number, argument, ...], on stdin.
A marking filter, loaded first, answers each of those numbers with errno MARK, so that no probe of reboot
or kexec_load ever runs, even as root. The sandbox's filter, read from FD and loaded over it by
SANDBOX_EXEC's own loader (runner/isolation/sandbox_exec.py), decides: where it refuses, its errno comes
back, as the data of the filter installed last wins between two filters' equal actions; where it allows,
the marking filter's MARK does (https://docs.kernel.org/userspace-api/seccomp_filter.html, "Return values").
Prints {"mark": MARK, "errnos": [...]}, one errno a call (0 when a call returned without error).
"""
import ctypes
import importlib.util
import json
import sys

import pyseccomp

MARK = 4000  # an errno no system call returns (the kernel's errno values end below 600)


def main(fd, sandbox_exec):
    calls = json.load(sys.stdin)
    marking = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    for number in sorted({call[0] for call in calls}):
        marking.add_rule(pyseccomp.ERRNO(MARK), number)
    spec = importlib.util.spec_from_file_location("sandbox_exec", sandbox_exec)
    loader = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loader)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    marking.load()
    loader._load_seccomp(fd)
    errnos = []
    for number, *args in calls:
        ctypes.set_errno(0)
        returned = libc.syscall(ctypes.c_long(number), *(ctypes.c_ulong(arg) for arg in args))
        errnos.append(ctypes.get_errno() if returned == -1 else 0)
    print(json.dumps({"mark": MARK, "errnos": errnos}))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
