"""The engines whose judge runs in this (host) process. The judge (pytest and the hidden tests) runs in this process;
the student runs `solution.py` in a process of its own, in the sandbox (runner/isolation/sandbox.py): CPython, or
Pyodide under Node (the runtime students get); where bubblewrap cannot start, `--isolation user` runs the
CPython student as an unprivileged uid instead (runner/isolation/unprivileged.py). `--no-sandbox` grades trusted files as before: the CPython
student unconfined, the Pyodide engine in one Node process (runner/engines/node_engine.py). Every engine
returns the same results dict for the same file."""
import platform

from runner.engines import student_process

class ProcessEngine:
    """The judge here, the student in a child process started from `launch` (runner/engines/student_process.py)."""

    judge_in_this_process = True  # pytest runs here: one such engine grades at a time in a process

    def __init__(self, exercise, name, launch, runtime=None):
        from runner.engines.transport_process import Spawner

        self.exercise = exercise
        self.name = name
        self.launch = launch
        self.spawner = Spawner(launch)  # one student process ahead, booting while a file is graded
        self.runtime = runtime or {}

    def grade(self, source, seed=None, modules=None):
        """The results of `source` on data from `seed` (None: a fresh, secret one); `modules`: the earlier
        steps' code it may import, if not the references the exercise names (runner/judge/judge.py)."""
        from runner.judge.judge import grade
        from runner.engines.transport_process import ProcessTransport

        transport = ProcessTransport(self.spawner)
        # engine="cpython": the judge is CPython whichever runtime the student has (plain pytest.main).
        results = grade(source, self.exercise, transport, engine="cpython", seed=seed, modules=modules)
        runtime = results["runtime"]
        runtime.update(engine=self.name, sandbox=self.launch.sandbox, **self.runtime)
        if self.launch.memory_budget:
            runtime["memory_budget"] = self.launch.memory_budget
        if self.name != "cpython" and transport.info and transport.info.get("ok"):
            runtime.update(judge=f"cpython {runtime['python']}", python=transport.info["python"],
                           numpy=transport.info["numpy"], student_start=self.launch.start)
        return results

    def close(self):
        self.spawner.close()
        for item in self.launch.keep:
            item.cleanup()
        if self.launch.limits is not None:
            from runner.isolation import cgroups

            cgroups.remove_parents()


def CPythonEngine(exercise, *, isolation="sandbox"):
    return ProcessEngine(exercise, "cpython", student_process.cpython(isolation=isolation))


def PyodideEngine(exercise, pyodide_dir=None):
    """The student in Pyodide under Node, sandboxed; the judge in CPython."""
    from runner.assembly import pyodide_dist

    pyodide_dir = pyodide_dir or pyodide_dist.assemble()
    return ProcessEngine(exercise, "pyodide", student_process.pyodide(exercise, pyodide_dir),
                         runtime={"pyodide": pyodide_dist.VERSION})
