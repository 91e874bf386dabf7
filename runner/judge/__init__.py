"""The judge side: runs the hidden tests with real pytest and never executes student code. Runs in the judge
interpreter: the host's CPython (check, validate, an instructor's plain pytest) or Pyodide (the page's worker,
the trusted Node engine); what runs in Pyodide only is in judge/in_pyodide/. Shipped whole to the Pyodide
judge (runner/bundle.py)."""
