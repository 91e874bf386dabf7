"""`check --format`: the same results in each course platform's format (issue 30). Each module turns one
hand-in's results (runner/results.schema.json, with points: runner/grading/points.py) into the document its
platform reads, written from the platform's published specification, which the JSON Schema beside it cites:

- exercism: our own results, Exercism's test-runner interface (results.json v3) with additions;
- gradescope: an autograder's /autograder/results/results.json;
- github-classroom: what a GitHub Classroom runner step hands the grading reporter;
- prairielearn: an external grader's /grade/results/results.json.

A student's whole track (`check --track`) is one document of every step's tests (track.py)."""
import json
from pathlib import Path

from runner.grading.formats import github_classroom, gradescope, prairielearn, track
from runner.judge.results import SCHEMA_FILE

SCHEMAS = Path(__file__).parent
FORMATS = {
    "exercism": lambda results: results,
    "gradescope": gradescope.document,
    "github-classroom": github_classroom.document,
    "prairielearn": prairielearn.document,
}


def schema(name):
    """The JSON Schema of format `name` (exercism: runner/results.schema.json)."""
    path = SCHEMA_FILE if name == "exercism" else SCHEMAS / f"{name}.schema.json"
    return json.loads(path.read_text())


def render(name, everything, steps=None):
    """The documents for these hand-ins' results: one object for one hand-in, else a list in order. `steps`:
    [(slug, label)] when each is a student's whole track (`check --track`: track.py)."""
    if steps is None:
        documents = [FORMATS[name](results) for results in everything]
    else:
        documents = [track.with_built_on_message(name, FORMATS[name](track.flattened(results, steps)), results, steps)
                     for results in everything]
    return documents[0] if len(documents) == 1 else documents


def document_for(format, everything, steps=None):
    """What `check --format` prints for these results: the results themselves ("json"), a platform's document
    (render), or None. `steps`: a track's [(slug, label)] (`check --track`)."""
    if format == "json":
        return everything
    return render(format, everything, steps) if format else None
