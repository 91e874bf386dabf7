"""What every platform's document says the same way: a test's feedback text and a run's message."""


def feedback(test):
    """A test's message, hint, traceback and printed output, as one text (our messages and hints go into the
    platform's per-test output field)."""
    parts = [test.get("message"), test.get("hint") and f"Hint: {test['hint']}", test.get("traceback"),
             test.get("output") and f"Your code printed:\n{test['output']}"]
    if test.get("kind") == "timeout" and not test.get("message"):
        parts.insert(0, "Timed out.")
    return "\n\n".join(part for part in parts if part)


def run_message(results):
    """One line on the whole run: the error that stopped the tests, or how many passed."""
    tests = results.get("tests", [])
    passed = sum(1 for test in tests if test["status"] == "pass")
    if results.get("status") == "error" and results.get("message"):
        return results["message"]
    return f"{passed} of {len(tests)} tests passed" + (f" (data seed {results['seed']})" if "seed" in results else "")


def score_of(results):
    """(score, max score), from the points check added (runner/grading/points.py); 0 of 0 without any."""
    return results.get("score", 0), results.get("max_score", 0)
