"""The page's console on the student's side (runner/student/student_console.py, issue 29), in CPython: what
an entry shows, and what it never does (reach the judge, keep an old solution, raise)."""
import json

from runner.student.student_console import StudentConsole, console_json

from helpers import ROOT

REFERENCE = (ROOT / "exercise" / "reference_solution.py").read_text()
BROKEN = "import numpy as np\n\ndef relu(x):\n    y = x + undefined_name\n    return y\n"


def test_an_expression_shows_its_value_with_np_and_the_solutions_names():
    reply = StudentConsole().run(REFERENCE, "relu(np.array([-2.0, 0.0, 3.0]))")
    assert reply == {"ok": True, "output": "", "dropped": 0, "value": "array([0., 0., 3.])", "error": None}


def test_printed_text_statements_and_names_kept_between_entries():
    console = StudentConsole()
    first = console.run(REFERENCE, "x = np.array([-1.0, 2.0])\nprint('grad', relu_backward(np.ones(2), x))")
    assert first["output"] == "grad [0. 1.]\n" and first["value"] is None
    assert console.run(REFERENCE, "x * 2")["value"] == "array([-2.,  4.])"


def test_an_exception_in_the_solution_names_its_line_and_only_the_students_frames():
    reply = StudentConsole().run(BROKEN, "relu(np.zeros(2))")
    assert not reply["ok"] and reply["error"]["type"] == "NameError" and reply["error"]["line"] == 4
    trace = reply["error"]["traceback"]
    assert 'File "<console>", line 1' in trace and 'File "solution.py", line 4, in relu' in trace
    assert "student_console" not in trace and "runner" not in trace


def test_a_changed_solution_is_imported_again_and_a_broken_one_says_so():
    console = StudentConsole()
    assert console.run(REFERENCE, "relu(np.array([-1.0]))")["value"] == "array([0.])"
    wrong = REFERENCE.replace("np.maximum(x, 0)", "x")
    assert "maximum" in REFERENCE and console.run(wrong, "relu(np.array([-1.0]))")["value"] == "array([-1.])"
    failed = console.run("def relu(x):\n    return (\n", "relu(1)")
    assert not failed["ok"] and failed["error"]["message"].startswith("solution.py has a SyntaxError")


def test_a_syntax_error_in_the_entry_and_a_failing_repr_are_replies():
    console = StudentConsole()
    assert console.run(REFERENCE, "relu(")["error"]["type"] == "SyntaxError"
    shown = console.run(REFERENCE, "class Odd:\n    def __repr__(self):\n        raise ValueError\nOdd()")
    assert shown["ok"] and shown["value"] == "(the value could not be shown: ValueError)"


def test_output_and_values_are_capped():
    reply = StudentConsole().run(REFERENCE, "print('x' * 100_000)\n'y' * 100_000")
    assert len(reply["output"]) == 8000 and reply["dropped"] == 100_001 - 8000
    assert len(reply["value"]) < 4100 and reply["value"].endswith("more characters)")


def test_the_page_entry_point_answers_json():
    assert json.loads(console_json(REFERENCE, "1 + 1"))["value"] == "2"


# -- "Try this input": the failing call, written out for the console (runner/judge/replay.py) ------------
import numpy as np  # noqa: E402

from runner.judge.replay import MAX_ELEMENTS, replay_of  # noqa: E402


class _Call:
    def __init__(self, text, **arrays):
        self.text, self.arrays = text, arrays


class _Failure(AssertionError):
    def __init__(self, call, expected=None, atol=0.0):
        super().__init__("failed")
        self.call, self.expected, self.atol = call, expected, atol


def test_a_replay_writes_the_inputs_out_exactly_and_compares_with_what_was_expected():
    x = np.array([[-0.0, np.inf], [-np.inf, np.nan], [1e-300, 0.1]], dtype=np.float32)
    grad = np.arange(6, dtype=np.int64).reshape(3, 2)
    replay = replay_of(_Failure(_Call("relu_backward(grad_out, x)", grad_out=grad, x=x), expected=grad * 1.0, atol=1e-3))
    assert replay["call"] == "relu_backward(grad_out, x)"
    namespace = {"np": np}
    body, last = replay["code"].rsplit("\n", 1)
    exec(body, namespace)
    assert namespace["x"].dtype == np.float32 and namespace["x"].shape == (3, 2)
    assert np.array_equal(namespace["x"], x, equal_nan=True) and np.signbit(namespace["x"][0, 0])
    assert namespace["grad_out"].dtype == np.int64 and np.array_equal(namespace["grad_out"], grad)
    assert last == "compare(relu_backward(grad_out, x), expected, atol=0.001)"


def test_a_replay_runs_in_the_console_and_marks_the_differences():
    x = np.array([-1.0, 0.0, 2.0])
    replay = replay_of(_Failure(_Call("relu_backward(grad_out, x)", grad_out=np.ones(3), x=x), expected=np.array([0.0, 0.0, 1.0])))
    ge_mask = (ROOT / "exercise" / "wrong_solutions" / "ge_mask.py").read_text()
    value = StudentConsole().run(ge_mask, replay["code"])["value"]
    assert value.splitlines()[:2] == ["got:      array([0., 1., 1.])", "expected: array([0., 0., 1.])"]
    assert value.splitlines()[2] == "  differs at (1,): got np.float64(1.0), expected np.float64(0.0)"
    assert StudentConsole().run(REFERENCE, replay["code"])["value"].endswith("same values")


def test_no_replay_for_what_cannot_be_written_out():
    small = np.zeros(3)
    assert replay_of(AssertionError("plain")) is None
    assert replay_of(_Failure(_Call("relu(x)", x=np.zeros(MAX_ELEMENTS + 1)))) is None
    assert replay_of(_Failure(_Call("relu(x)", x=np.array(["a"])))) is None
    assert replay_of(_Failure(_Call("__import__('os').system('x')", x=small))) is None  # only name(names)
    assert replay_of(_Failure(_Call("relu(x)", **{"x); import os; (": small}))) is None
    assert replay_of(_Failure(_Call("relu(x)", x=small)))["code"] == "x = np.array([0.0, 0.0, 0.0], dtype='float64')\nrelu(x)"
    assert replay_of(_Failure(_Call("relu(x)", x=(1, [2])))) is None  # a tuple is a shape of whole numbers only
    assert replay_of(_Failure(_Call("relu(x)", x=10**30))) is None


def test_a_shape_and_numbers_are_written_out_too():
    """Step 1's unbroadcast(grad, shape) takes a tuple (issue 36): its failures can be tried too."""
    replay = replay_of(_Failure(_Call("unbroadcast(grad, shape)", grad=np.ones((2, 1)), shape=(1,)), expected=np.array([2.0])))
    assert replay["code"].splitlines()[1:] == ["shape = (1,)", "expected = np.array([2.0], dtype='float64')",
                                               "compare(unbroadcast(grad, shape), expected)"]
    assert replay_of(_Failure(_Call("f(n, t, b)", n=3, t=float("-inf"), b=True)))["code"] == "n = 3\nt = -np.inf\nb = True\nf(n, t, b)"


def test_the_graders_results_carry_a_replay_for_each_failed_check():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "runner", "check", "--engine", "cpython", "--no-sandbox", "--json",
                           str(ROOT / "exercise" / "wrong_solutions" / "ge_mask.py")], cwd=ROOT, capture_output=True, text=True)
    [results] = json.loads(done.stdout)
    tests = {test["test"]: test for test in results["tests"]}
    assert "replay" not in tests["test_relu_shape"]  # passed
    replay = tests["test_backward_at_zero"]["replay"]
    assert replay["call"] == "relu_backward(grad_out, x)" and replay["code"].startswith("grad_out = np.array(")
