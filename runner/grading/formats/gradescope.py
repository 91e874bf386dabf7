"""Gradescope's results.json: what an autograder's run_autograder writes to /autograder/results/results.json.
Spec: https://gradescope-autograders.readthedocs.io/en/latest/specs/ ("Output format"): a top-level `score`
(which overrides the sum of the tests'), `output`, `visibility`, `stdout_visibility`, `extra_data`, and
`tests[]` with `score`, `max_score`, `status` ("passed" or "failed"), `name`, `number`, `output`,
`visibility`. Schema: gradescope.schema.json."""
from runner.grading.formats.common import feedback, run_message, score_of


def document(results):
    score, _max_score = score_of(results)
    tests = [{"name": test["name"], "number": str(index), "score": test.get("score", 0),
              "max_score": test.get("max_score", 0), "status": "passed" if test["status"] == "pass" else "failed",
              "output": feedback(test), "visibility": "visible"}
             for index, test in enumerate(results.get("tests", []), start=1)]
    output = run_message(results)
    if results.get("traceback"):
        output += "\n\n" + results["traceback"]
    extra = {key: results[key] for key in ("status", "kind", "seed", "seeds", "runtime", "file") if key in results}
    return {"score": score, "output": output, "visibility": "visible", "stdout_visibility": "hidden",
            "tests": tests, "extra_data": extra}
