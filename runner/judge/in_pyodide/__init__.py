"""The judge side in Pyodide only: its entry point and its bridge to the student instance."""
