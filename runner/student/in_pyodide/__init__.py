"""The student side in Pyodide only: the student instance's entry point."""
