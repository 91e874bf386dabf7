"""The student side: runs inside the student interpreter (a CPython process on the host, or Pyodide), imports
solution.py and answers calls with data only. Nothing here decides a verdict. Shipped whole to every student
interpreter; what runs in Pyodide only is in student/in_pyodide/."""
