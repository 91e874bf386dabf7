"""A student's whole track (`check --track`) as one platform document: every step's tests in the track's order,
each name prefixed with its step ("Step 3, Linear layers: linear: output shape"), the scores summed; a step
not handed in (or refused) is one test worth that step's points, scoring 0, so that every student's document
has the same maximum. The platform's own writer (gradescope.py, ...) then writes it, so each stays valid
against its schema; where a platform shows a message for the whole run (Gradescope's output, PrairieLearn's
message), it also says what an own-code step was built on (runner/judge/results.py's built_on_sentence)."""
from runner.judge import results as results_document

MESSAGE_FIELDS = {"gradescope": "output", "prairielearn": "message"}


def flattened(track_results, steps):
    """One results document (runner/results.schema.json) holding every step's tests; `steps`: [(slug, label)]."""
    tests = []
    for slug, label in steps:
        step = track_results["steps"].get(slug)
        if step is None:  # the whole hand-in was refused: no step graded
            continue
        if not step["tests"]:
            tests.append({"name": f"{label}: {step.get('message') or step['status']}", "test": slug,
                          "status": "error", **({"kind": step["kind"]} if step.get("kind") else {}),
                          "message": step.get("message"), "output": None, "test_code": None, "score": 0,
                          "max_score": step.get("max_score", 0)})
        for test in step["tests"]:
            tests.append({**test, "name": f"{label}: {test['name']}", "test": f"{slug}.{test.get('test', '')}"})
    more = {key: track_results[key] for key in ("file", "student", "student_id") if key in track_results}
    more.update(score=track_results["score"], max_score=track_results["max_score"])
    if track_results.get("kind") == "refused":
        return results_document.error("refused", track_results["message"], tests, **more)
    return results_document.document(track_results["status"], track_results["message"], tests, **more)


def built_on_lines(track_results, steps):
    """"Step 5, Train the network: built on your ..." for each own-code step, in the track's order."""
    return [f"{label}: {results_document.built_on_sentence(step['built_on'])}" for slug, label in steps
            for step in [track_results["steps"].get(slug) or {}] if step.get("built_on")]


def with_built_on_message(name, document, track_results, steps):
    """The platform document `name` with the built-on sentences added to its message for the whole run."""
    lines, field = built_on_lines(track_results, steps), MESSAGE_FIELDS.get(name)
    if lines and field:
        document[field] = "\n".join([document.get(field) or "", *lines]).strip("\n")
    return document
