"""Host only: the engines the host grades with, and the processes they start. An engine is a judge and a
student interpreter that grade one source: "cpython" (the judge here, the student a CPython process) or
"pyodide" (the judge here, the student Pyodide under Node; or, for trusted files, the page's own Pyodide engine
in one Node process: node_engine.py). The student processes' programs sit beside what starts them
(student_process.py): cpython_student.py, node_student.mjs, node_student_prep.mjs.

Importing this package imports nothing else: a student process runs `python -m runner.engines.cpython_student`
with only the student side and this folder in reach."""


def make_engine(name, exercise, *, isolation="sandbox"):
    """The engine `name` ("cpython" or "pyodide") for `exercise`. isolation: "sandbox" (bubblewrap), "user" (an
    unprivileged uid: CPython only) or "none" (trusted files)."""
    if isolation == "sandbox":
        from runner.isolation import sandbox

        sandbox.ensure_available()
    if isolation == "user":
        from runner.isolation import unprivileged

        unprivileged.ensure_available(name)
    if name == "cpython":
        from runner.engines.process_engine import CPythonEngine

        return CPythonEngine(exercise, isolation=isolation)
    if name == "pyodide":
        if isolation == "sandbox":
            from runner.engines.process_engine import PyodideEngine

            return PyodideEngine(exercise)
        from runner.engines.node_engine import PyodideNodeEngine

        return PyodideNodeEngine(exercise)
    raise ValueError(name)
