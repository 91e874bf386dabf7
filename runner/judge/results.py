"""The results document (runner/results.schema.json: Exercism's results.json v3 with additions): the one place
that builds one, wherever it comes from: a graded run (runner/judge/judge.py), a run the Node engine stopped
(runner/engines/node_engine.py), a file `check` refused or failed on (runner/grading/). The page writes its
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
