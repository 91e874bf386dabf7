"""The student instance's entry point inside Pyodide: bytes in from the bridge, bytes out."""
from pyodide.ffi import to_js

from runner.student.student_side import StudentRuntime

_runtime = StudentRuntime()


def handle(request):
    return to_js(_runtime.handle(request.to_bytes()))
