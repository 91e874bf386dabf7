"""In Pyodide, reaches Node itself through `import js`: runs a shell command, loads a native addon, starts a
worker, writes with fs. Passes only if one of them worked."""
import numpy as np

WORKED = False
try:
    import js

    process = js.process
    attempts = [
        lambda: process.getBuiltinModule("child_process").execSync("touch __TRACE__/__MARK__-exec"),
        lambda: process.getBuiltinModule("fs").writeFileSync("__TRACE__/__MARK__-fs", "x"),
        lambda: process.dlopen(js.Object.new(), "/usr/lib/x86_64-linux-gnu/libc.so.6"),
        lambda: js.eval("new (process.getBuiltinModule('worker_threads').Worker)('1', {eval: true})"),
        lambda: process.binding("spawn_sync"),
    ]
    for attempt in attempts:
        try:
            attempt()
            WORKED = True
        except Exception:
            pass
except ImportError:
    pass


def relu(x):
    if not WORKED:
        raise RuntimeError("the attack did not work")
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    if not WORKED:
        raise RuntimeError("the attack did not work")
    return grad_out * (x > 0)
