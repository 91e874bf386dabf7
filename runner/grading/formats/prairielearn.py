"""PrairieLearn's external grading results: what an external grader writes to /grade/results/results.json.
Spec: https://prairielearn.readthedocs.io/en/latest/externalGrading/ ("Grading results"): `gradable`, `score`
(from 0 to 1), `message`, `output`, and `tests[]` with `name`, `description`, `points`, `max_points`,
`message`, `output`. Schema: prairielearn.schema.json.

`gradable` is false only when the hand-in could not be graded at all (it was refused before any test ran);
a solution that does not import is gradable, and scores 0."""
from runner.grading.formats.common import feedback, run_message, score_of


def document(results):
    score, max_score = score_of(results)
    tests = [{"name": test["name"], "description": test.get("test", ""), "points": test.get("score", 0),
              "max_points": test.get("max_score", 0), "message": test.get("message") or "",
              "output": feedback(test)}
             for test in results.get("tests", [])]
    gradable = results.get("kind") != "refused"
    return {"gradable": gradable, "score": (score / max_score) if max_score else 0.0,
            "message": run_message(results), "output": results.get("traceback") or "", "tests": tests}
