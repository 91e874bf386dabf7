"""Writes files outside its own folder: the instructor's repository, a folder of the test's, the home folder,
the grader's working directory through /proc, with Python and (in Pyodide) with Node's fs."""
import os

import numpy as np

MARK = "__MARK__"
OUTSIDE = ["__TRACE__", "__REPO__", "__REPO__/exercise"]  # the grading machine's own folders
ELSEWHERE = [os.path.expanduser("~"), "/proc/1/cwd", f"/proc/{os.getppid()}/cwd", "/tmp", "/var/tmp", "/dev/shm"]
WORKED = False
for place in OUTSIDE + ELSEWHERE:
    try:
        with open(os.path.join(place, f"{MARK}-python"), "w") as out:
            out.write("written by a hand-in")
        WORKED = WORKED or place in OUTSIDE
    except OSError:
        pass
    try:
        import js

        js.process.getBuiltinModule("fs").writeFileSync(f"{place}/{MARK}-node", "written by a hand-in")
        WORKED = WORKED or place in OUTSIDE
    except Exception:
        pass


def relu(x):
    if not WORKED:
        raise RuntimeError("the attack did not work")
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    if not WORKED:
        raise RuntimeError("the attack did not work")
    return grad_out * (x > 0)
