"""The self-hosted Pyodide the site serves and the graders run: assembled and verified by pyodide_dist.py from
pinned originals (pyodide-wheels.txt), then compiled to bytecode and split by what a session imports, inside
Pyodide's own interpreter (compile_pyc.mjs runs pyc/)."""
