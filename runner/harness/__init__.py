"""The harness: the Python that runs identically in CPython and in Pyodide (judge and student sides)."""
