# expected-status: error
# (it changes the worker's globals: the run is an error, never a verdict, issue 20)
"""Replaces the worker's clock, timers, postMessage and fetch, then loops forever in relu: the deadline
uses a clock taken before any student code ran, so relu still times out and relu_backward still passes."""
import js
import numpy as np
from pyodide.ffi import create_proxy

js.performance.now = create_proxy(lambda: 0)
js.Date.now = create_proxy(lambda: 0)
js.setTimeout = create_proxy(lambda *args: 0)
js.postMessage = create_proxy(lambda *args: None)
js.fetch = create_proxy(lambda *args: None)


def relu(x):
    while True:
        pass


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
