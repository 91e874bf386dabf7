"""Who handed in what in Gradescope's "Export Submissions" zip (issue 30): its `submission_metadata.yml` maps each
`submission_<id>` folder to its submitters (`:name:`, `:sid:`, `:email:` under `:submitters:`). Read as hostile
text with a line reader for exactly that shape, never a YAML loader: what is not understood gives no name, and
the hand-in is graded all the same."""
import json
import re

METADATA_NAME = "submission_metadata.yml"
MAX_METADATA_BYTES = 5 * 1024 * 1024
FOLDER = r"submission_\d+"
SUBMISSION = re.compile(rf"({FOLDER}):\s*")
FIELD = re.compile(r"\s*(?:-\s+)?:(name|sid|email):\s*(.*)")
NEW_SUBMITTER = re.compile(r"\s*-\s+:")


def roster(text):
    """{folder name: {"student", "student_id", "lms": "gradescope"}} from the metadata's text."""
    found, current, submitters = {}, None, []
    for line in text.splitlines():
        folder = SUBMISSION.fullmatch(line)
        if folder:
            _keep(found, current, submitters)
            current, submitters = folder[1], []
            continue
        field = FIELD.fullmatch(line) if current else None
        if field:
            if NEW_SUBMITTER.match(line) or not submitters:
                submitters.append({})
            submitters[-1][field[1]] = _scalar(field[2])
    _keep(found, current, submitters)
    return found


def _keep(found, folder, submitters):
    if folder and submitters:
        names = [person.get("name", "") for person in submitters]
        ids = [person.get("sid") or person.get("email", "") for person in submitters]
        found[folder] = {"student": " & ".join(name for name in names if name), "student_id": ",".join(i for i in ids if i),
                         "lms": "gradescope"}


def _scalar(text):
    """A YAML scalar as Gradescope writes them: plain, 'single-quoted' ('' for ') or "double-quoted" (JSON's
    escapes, which YAML's include)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            return str(json.loads(text))
        except ValueError:
            return text[1:-1]
    return text


def submission_folder(path_parts):
    """The `submission_<id>` folder a hand-in's path lies in, or None."""
    return next((part for part in path_parts[:-1] if re.fullmatch(FOLDER, part)), None)
