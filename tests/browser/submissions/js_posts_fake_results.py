# expected-failures: test_backward_at_zero
"""Posts messages shaped like the harness's results from the worker's global scope, for every plausible run
id: the page listens only to the worker's private port and checks each run's token."""
import js
import numpy as np
from pyodide.ffi import to_js

for run_id in range(1, 50):
    fake = {"type": "results", "id": run_id, "token": "guess",
            "results": {"version": 3, "status": "pass", "message": "all 5 tests passed", "tests": []}}
    js.postMessage(to_js(fake, dict_converter=js.Object.fromEntries))


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x >= 0)
