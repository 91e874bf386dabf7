"""GitHub Classroom: what a runner step hands the grading reporter
(classroom-resources/autograding-grading-reporter), base64-encoded in the step's `result` output. The
reporter reads `status` ("pass", "fail" or "error"), `max_score`, and `tests[]` with `name`, `status`,
`message` and `score` (src/main.js, aggregate-results.js, notify-classroom.js); the runners
(autograding-command-grader, autograding-python-grader) also write `version`, `test_code`, `filename`,
`line_no` and `execution_time`. Schema: github-classroom.schema.json."""
import base64
import json

from runner.grading.formats.common import feedback, score_of


def document(results):
    _score, max_score = score_of(results)
    tests = [{"name": test["name"], "status": test["status"], "message": feedback(test) or None,
              "test_code": test.get("test_code") or "", "filename": "solution.py",
              "line_no": test.get("line") or 0, "execution_time": f"{test.get('duration', 0):.3f}s",
              "score": test.get("score", 0)}
             for test in results.get("tests", [])]
    return {"version": 1, "status": results["status"], "max_score": max_score, "tests": tests}


def step_output(results):
    """The line a runner step appends to $GITHUB_OUTPUT: result=<the document, as base64 JSON>."""
    encoded = base64.b64encode(json.dumps(document(results), separators=(",", ":")).encode()).decode()
    return f"result={encoded}\n"
