"""What a student reads: actionable failure messages, trimmed tracebacks, syntax errors with line numbers."""
from helpers import ROOT

WRONG = ROOT / "exercise" / "wrong_solutions"
SUBMISSIONS = ROOT / "tests" / "submissions"


def test_failure_names_input_expected_got_and_index(grader):
    test = grader.grade_file(WRONG / "ge_mask.py")["tests"][3]
    assert test["status"] == "fail" and test["kind"] == "assertion"
    assert "x = [-1.,  0.,  2., -3.,  4.]" in test["message"]
    assert "wrong value at index (1,): expected 0.0, got 1.0" in test["message"]
    assert "strictly greater than 0" in test["hint"]


def test_shape_and_dtype_are_named(grader):
    shape = grader.grade_file(WRONG / "flattens.py")["tests"][0]["message"]
    assert "returned shape (1,), but the input has shape ()" in shape
    dtype = grader.grade_file(WRONG / "to_float64.py")["tests"][1]["message"]
    assert "returned dtype float64, but the input is float32" in dtype


def test_mutation_is_reported(grader):
    message = grader.grade_file(WRONG / "mutates_input.py")["tests"][1]["message"]
    assert "modified its argument x in place" in message


def test_syntax_error_names_the_line(grader):
    results = grader.grade_file(SUBMISSIONS / "syntax_error.py")
    assert results["status"] == "error" and results["kind"] == "syntax"
    assert results["line"] == 5
    assert "line 5" in results["message"]
    assert all(t["status"] == "error" and t["kind"] == "import" for t in results["tests"])


def test_an_import_failure_is_detailed_once_and_each_test_says_it_did_not_run(grader):
    results = grader.grade_file(SUBMISSIONS / "syntax_error.py")
    detail = results["message"].split(": ", 1)[1]
    assert all(t["message"] == "not run: solution.py has a SyntaxError on line 5" for t in results["tests"])
    assert not any(detail in t["message"] for t in results["tests"])


def test_a_missing_package_names_what_the_exercise_has(grader):
    results = grader.grade_source("import scipy\n")
    assert results["kind"] == "import"
    assert "No module named 'scipy'. This exercise's Python has numpy and Python's standard library only" \
        in results["message"]
    inside = grader.grade_source("def relu(x):\n    import torch\n")["tests"][0]["message"]
    assert "No module named 'torch'. This exercise's Python has numpy" in inside


def test_exception_at_import_is_a_top_level_error_with_traceback(grader):
    results = grader.grade_file(SUBMISSIONS / "raises_at_import.py")
    assert results["status"] == "error" and results["kind"] == "import"
    assert "FileNotFoundError" in results["message"] and results["line"] == 4
    assert 'File "solution.py", line 4' in results["traceback"]


def test_traceback_is_trimmed_to_solution_py(grader):
    source = "import numpy as np\ndef relu(x):\n    return helper(x)\ndef helper(x):\n    return np.reshape(x, (7, 7))\n"
    test = grader.grade_source(source)["tests"][0]
    assert test["status"] == "error" and test["kind"] == "exception"
    assert "relu() raised ValueError" in test["message"]
    lines = [line for line in test["traceback"].splitlines() if line.strip().startswith("File ")]
    assert lines == ['  File "solution.py", line 3, in relu', '  File "solution.py", line 5, in helper']
    assert test["line"] == 5


def test_printed_output_is_per_test_and_capped(grader):
    results = grader.grade_file(SUBMISSIONS / "prints_and_passes.py")
    assert results["status"] == "pass"
    assert "relu got (" in results["tests"][0]["output"]
    flood = "def relu(x):\n    print('x' * 100_000)\n    raise ValueError('no')\n"
    output = grader.grade_source(flood)["tests"][0]["output"]
    assert len(output) < 4200 and "[output truncated:" in output


def test_endless_loop_times_out_and_later_tests_still_run(grader):
    results = grader.grade_file(SUBMISSIONS / "endless_loop_in_relu.py")
    kinds = [t.get("kind") for t in results["tests"]]
    assert kinds[:2] == ["timeout", "timeout"]
    assert [t["status"] for t in results["tests"][2:]] == ["pass", "pass", "pass"]
    assert "did not return within" in results["tests"][0]["message"]


def test_a_one_megabyte_source_file_is_graded(grader):
    reference = (ROOT / "exercise" / "reference_solution.py").read_text()
    padding = "".join(f"CONSTANT_{i} = {i}  # padding to make the file large\n" for i in range(20_000))
    source = padding + reference
    assert len(source.encode()) > 1_000_000
    assert grader.grade_source(source)["status"] == "pass"
