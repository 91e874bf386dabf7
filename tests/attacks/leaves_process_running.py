"""Leaves a process behind (a new session, detached from the grader) that outlives the grade of this file and
then writes a file; in Pyodide through Node's child_process."""
import os
import time

try:
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(2)
            for place in ("__TRACE__", "/tmp"):
                try:
                    open(os.path.join(place, "__MARK__-late"), "w").write("still running")
                except OSError:
                    pass
            time.sleep(30)
        os._exit(0)
except (AttributeError, OSError):
    pass
try:
    import js

    child = js.process.getBuiltinModule("child_process")
    child.spawn("sh", ["-c", "sleep 2; touch __TRACE__/__MARK__-node-late; sleep 30"],
                js.JSON.parse('{"detached": true, "stdio": "ignore"}')).unref()
except Exception:
    pass


def relu(x):
    raise RuntimeError("only here to leave a process behind")


def relu_backward(grad_out, x):
    raise RuntimeError("only here to leave a process behind")
