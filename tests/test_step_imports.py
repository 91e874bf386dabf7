"""A step's solution.py imports the earlier steps' functions by the module names the track declares (issue 36):
the student interpreter installs each module before solution.py, from the source the judge sends with the load
(the references, or a capstone's student code); nothing of one load's modules outlives the next load, and the
interpreter's fingerprint reads past them as it does past solution."""
import pytest

from helpers import ROOT
from runner.course.track import Track
from runner.engines.process_engine import CPythonEngine
from runner.shared import wire
from runner.shared.wire_decode import decode
from runner.student import student_side
from runner.student.student_console import StudentConsole

TENSORS = "import numpy as np\n\ndef unbroadcast(grad, shape):\n    return np.ones(shape) * grad.sum()\n"
SOLUTION = "from tensors import unbroadcast\n\ndef twice(grad):\n    return 2 * unbroadcast(grad, (1,))\n"


def ask(runtime, **request):
    return decode(runtime.handle(wire.encode(request)))


def test_solution_imports_an_earlier_step_and_the_judge_may_call_that_steps_functions():
    import numpy as np

    runtime = student_side.StudentRuntime()
    assert ask(runtime, op="load", source=SOLUTION, modules={"tensors": TENSORS})["ok"]
    called = ask(runtime, op="call", name="twice", args=[np.ones((2, 3))], kwargs={})
    assert called["ok"] and called["result"].tolist() == [12.0]
    direct = ask(runtime, op="call", name="tensors.unbroadcast", args=[np.ones((2, 3)), (1,)], kwargs={})
    assert direct["ok"] and direct["result"].tolist() == [6.0]
    # only the modules a load installed are reachable that way: not NumPy, not the harness
    for name in ("numpy.ones", "runner.student.student_side.fingerprint", "sys.exit"):
        refused = ask(runtime, op="call", name=name, args=[], kwargs={})
        assert not refused["ok"] and refused["kind"] == "missing", name


def test_a_later_load_without_modules_cannot_import_the_earlier_ones():
    runtime = student_side.StudentRuntime()
    assert ask(runtime, op="load", source=SOLUTION, modules={"tensors": TENSORS})["ok"]
    reply = ask(runtime, op="load", source=SOLUTION)
    assert not reply["ok"] and reply["type"] == "ModuleNotFoundError", reply


def test_a_load_may_not_replace_a_module_the_interpreter_has():
    runtime = student_side.StudentRuntime()
    reply = ask(runtime, op="load", source="x = 1\n", modules={"numpy": "raise SystemExit"})
    assert not reply["ok"] and reply["kind"] == "protocol" and "numpy" in reply["message"]


def test_the_fingerprint_reads_past_the_steps_modules():
    """Equal fingerprints let the page reuse an interpreter: a step that imports tensors must not cost every
    re-run a fresh interpreter."""
    import numpy as np

    runtime = student_side.StudentRuntime()
    assert ask(runtime, op="load", source="x = 1\n")["ok"]
    before = student_side.fingerprint()
    assert ask(runtime, op="load", source=SOLUTION, modules={"tensors": TENSORS})["ok"]
    assert ask(runtime, op="call", name="twice", args=[np.ones(2)], kwargs={})["ok"]
    assert student_side.fingerprint() == before


def test_the_console_imports_the_steps_modules_too():
    console = StudentConsole()
    reply = console.run(SOLUTION, "twice(np.ones(3))", {"tensors": TENSORS})
    assert reply["ok"] and reply["value"] == "array([6.])", reply


@pytest.fixture(scope="module")
def linear_engine():
    engine = CPythonEngine(Track.load(ROOT / "track" / "track.json").step("linear").exercise)
    yield engine
    engine.close()


def test_a_step_is_graded_on_the_references_it_imports(linear_engine):
    reference = linear_engine.exercise.path("reference").read_text(encoding="utf-8")
    assert "from tensors import unbroadcast" in reference
    results = linear_engine.grade(reference, seed=3)
    assert results["status"] == "pass", [(t["name"], t.get("message")) for t in results["tests"]]


def test_a_broken_imported_module_is_named_not_solution_py(linear_engine):
    reference = linear_engine.exercise.path("reference").read_text(encoding="utf-8")
    results = linear_engine.grade(reference, seed=3, modules={"tensors": "def unbroadcast(:\n"})
    assert results["status"] == "error" and results["message"].startswith("tensors.py has a SyntaxError"), results["message"]
    results = linear_engine.grade(reference, seed=3, modules={"tensors": "raise ValueError('no')\n"})
    assert "tensors.py raised ValueError while being imported" in results["message"], results["message"]


def test_the_judge_reaches_an_imported_steps_function_through_the_proxy(linear_engine):
    """What a capstone's hints replay: the hidden tests call a piece as the student interpreter has it."""
    import numpy as np

    from runner.engines.transport_process import ProcessTransport
    from runner.judge.session import StudentSession, proxy_module

    session = StudentSession(ProcessTransport(linear_engine.launch), SOLUTION, call_seconds=3.0,
                             modules={"tensors": TENSORS})
    try:
        assert session.load() is None
        solution = proxy_module(session, ["twice"])
        assert solution.steps.tensors.unbroadcast(np.ones((2, 3)), (1,)).tolist() == [6.0]
        assert not hasattr(solution.steps, "numpy")
    finally:
        session.close()


def test_an_array_changed_in_place_inside_a_tuple_argument_reaches_the_judge(linear_engine):
    """A capstone's params are a tuple of arrays: a train_step that changes them in place must be seen, as a
    changed array argument is (only arrays of the same shape and dtype are copied back, one level deep)."""
    import numpy as np

    from runner.engines.transport_process import ProcessTransport
    from runner.judge.session import StudentSession

    source = ("def step(params, lr):\n    W = params[0]\n    W -= lr\n    params[1][...] = 7\n    return 0.0\n\n"
              "def deeper(nest):\n    nest[0][0] += 1\n    return 0.0\n")
    session = StudentSession(ProcessTransport(linear_engine.launch), source, call_seconds=3.0)
    try:
        assert session.load() is None
        params = (np.ones(3), np.zeros((2, 2)), "not an array")
        session.call("step", (params, 0.5), {})
        assert params[0].tolist() == [0.5] * 3 and params[1].tolist() == [[7, 7], [7, 7]]
        nest = ([np.zeros(2)],)
        session.call("deeper", (nest,), {})
        assert nest[0][0].tolist() == [0.0, 0.0]  # two levels down: not mirrored
    finally:
        session.close()
