"""The results document (runner/results.schema.json: Exercism's results.json v3 with additions): the one place
that builds one, wherever it comes from: a graded run (runner/judge/judge.py), a run the Node engine stopped
(runner/engines/node_engine.py), a file `check` refused or failed on (runner/grading/), and a student's whole
track (`check --track`: each step's results, the schema's $defs/track). The page writes its
own for runs its worker could not finish (runner/web/run_results.js), with the version from the same schema.

The version's one home is the schema's `properties.version.const`: read from the schema beside the runner
package, which the bundle ships to the Pyodide judge too (runner/bundle.py)."""
import json
from pathlib import Path

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "results.schema.json"
VERSION = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["properties"]["version"]["const"]


def document(status, message, tests=(), *, kind=None, seed=None, **more):
    """A results document: `status` ("pass", "fail" or "error"), its message, the tests' results; `kind` says
    what went wrong, `seed` is the run's data seed (left out when None: the schema's seed is never null)."""
    results = {"version": VERSION, "status": status, "message": message}
    if kind is not None:
        results["kind"] = kind
    if seed is not None:
        results["seed"] = seed
    results["tests"] = list(tests)
    results.update(more)
    return results


def error(kind, message, tests=(), **more):
    """The document of a run that could not grade: why (`kind`), in words (`message`)."""
    return document("error", message, tests, kind=kind, **more)


def verdict(tests, where=""):
    """(status, message) that the tests' results give: "pass" when every one passed, else "fail" with how many
    did; `where` ends the message (e.g. "on all 3 seeds")."""
    passed = sum(1 for test in tests if test["status"] == "pass")
    suffix = f" {where}" if where else ""
    if passed < len(tests):
        return "fail", f"{passed} of {len(tests)} tests passed{suffix}"
    return "pass", f"all {len(tests)} tests passed{suffix}"


def with_built_on(results, built_on):
    """`results` of a step `check --track` graded on the student's own earlier steps (a step the manifest marks
    "own_code"), saying whose each module it imported was: {module: "yours" or "reference"}."""
    return {**results, "built_on": dict(built_on)}


def built_on_sentence(built_on):
    """The plain sentence a report shows for "built_on": "built on your relu, linear and softmax, and on the
    reference tensors (yours did not pass its step, or was not handed in)"."""
    yours = [name for name, whose in built_on.items() if whose == "yours"]
    reference = [name for name, whose in built_on.items() if whose != "yours"]
    parts = [f"your {_listed(yours)}"] if yours else []
    parts += [f"the reference {_listed(reference)}"] if reference else []
    why = " (yours did not pass its step, or was not handed in)" if reference else ""
    return "built on " + ", and on ".join(parts) + why


def _listed(names):
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def track_document(file, track, steps, max_score, **more):
    """A hand-in's results for a whole track (`check --track`; the schema's $defs/track): `steps` is each step's
    results by slug, in the track's order (a step not handed in has results too); the score is theirs summed,
    out of `max_score`, every step's points. "pass" when every step passed; `more`: student, student_id."""
    passed = sum(1 for results in steps.values() if results["status"] == "pass")
    status = "pass" if steps and passed == len(steps) else "fail"
    return {"file": file, **more, "track": track, "status": status, "message": f"{passed} of {len(steps)} steps passed",
            "score": sum(results.get("score", 0) for results in steps.values()), "max_score": max_score,
            "steps": dict(steps)}


def track_refused(file, track, message, max_score, **more):
    """The track results of a hand-in `check --track` did not grade at all (refused: `message` says why)."""
    return {"file": file, **more, "track": track, "status": "error", "kind": "refused", "message": message,
            "score": 0, "max_score": max_score, "steps": {}}
