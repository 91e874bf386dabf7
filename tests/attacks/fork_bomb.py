"""A bounded fork bomb: forks until the system says no (at most 5000), every child waiting 60 s; in Pyodide,
spawns processes through Node. The machine must stay usable and the next file get its verdict."""
import os
import time

children = 0
try:
    for _ in range(5000):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        children += 1
except (AttributeError, OSError):
    pass
try:
    import js

    spawn = js.process.getBuiltinModule("child_process").spawn
    for _ in range(200):
        spawn("sleep", ["60"])
except Exception:
    pass


def relu(x):
    raise RuntimeError(f"forked {children} children")


def relu_backward(grad_out, x):
    raise RuntimeError(f"forked {children} children")
