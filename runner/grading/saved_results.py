"""Results read back from disk: a re-grade's progress folder (resume.py) or a shard's document (merge.py). A
file on disk may be truncated by a crash, edited or planted, so nothing in it is believed until checked: read
without following a link and bounded in size and nesting, then every field the summary, the reports and the
platform documents read checked for its type (runner/results.schema.json's, without needing jsonschema)."""
import json

from runner.grading.handin_files import Refused, read_regular_file
from runner.shared.wire_decode import json_nesting

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
STATUSES = ("pass", "fail", "error")
SEED_MAX = 9007199254740991


class Unsound(ValueError):
    """Why a saved document is not believed, in a few words."""


def read_json(path, limit=MAX_BYTES):
    """The JSON in the regular file at `path` (never through a link), or Unsound saying why not."""
    try:
        data = read_regular_file(path, limit)
    except Refused as reason:
        raise Unsound(str(reason)) from None
    if json_nesting(data)[0] > MAX_DEPTH:
        raise Unsound("nested too deeply")
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise Unsound(f"not JSON ({str(error)[:80]})") from None


def _is_number(value):
    return type(value) in (int, float) and value == value and value >= 0


def _is_seed(value):
    return type(value) is int and 0 <= value <= SEED_MAX


def _optional(mapping, key, test):
    return key not in mapping or test(mapping[key])


def _text_or_none(value):
    return value is None or isinstance(value, str)


def test_problem(test):
    if not isinstance(test, dict):
        return "a test that is not an object"
    if not (isinstance(test.get("name"), str) and test["name"] and test.get("status") in STATUSES):
        return "a test without a name or status"
    if not all(_optional(test, key, _text_or_none) for key in ("test", "message", "output", "test_code", "kind",
                                                                "traceback", "hint")):
        return "a test field that is not text"
    if not all(_optional(test, key, _is_number) for key in ("score", "max_score", "duration")):
        return "a test's score or duration that is not a number"
    if not (_optional(test, "seed", _is_seed) and _optional(test, "line", lambda v: type(v) is int)):
        return "a test's seed or line that is not a whole number"
    return None


def problem(results, file=None):
    """Why `results` (one hand-in's, as check makes them) may not be used, or None; `file` is the name it must
    carry."""
    if not isinstance(results, dict):
        return "results that are not an object"
    if results.get("status") not in STATUSES or not isinstance(results.get("tests"), list):
        return "results without a status or tests"
    if not isinstance(results.get("file"), str) or (file is not None and results["file"] != file):
        return "results of another file"
    if not all(_optional(results, key, _text_or_none) for key in ("message", "kind", "traceback", "student",
                                                                   "student_id", "lms")):
        return "a field that is not text"
    if not all(_optional(results, key, _is_number) for key in ("score", "max_score", "duration")):
        return "a score that is not a number"
    if not (_optional(results, "seed", _is_seed) and _optional(
            results, "seeds", lambda v: isinstance(v, list) and all(_is_seed(s) for s in v))):
        return "a seed that is not a whole number"
    if not _optional(results, "runtime", lambda v: isinstance(v, dict)):
        return "a runtime that is not an object"
    for test in results["tests"]:
        why = test_problem(test)
        if why:
            return why
    return _regrade_problem(results.get("regrade"))


def _regrade_problem(regrade):
    if regrade is None:
        return None
    if not isinstance(regrade, dict) or not isinstance(regrade.get("notes"), list) or \
            not isinstance(regrade.get("differences"), list):
        return "a re-grade comparison that is not one"
    if not all(isinstance(note, str) for note in regrade["notes"]):
        return "a re-grade note that is not text"
    for difference in regrade["differences"]:
        if not (isinstance(difference, dict) and _text_or_none(difference.get("test"))
                and _text_or_none(difference.get("seen")) and _text_or_none(difference.get("regraded"))):
            return "a re-grade difference that is not one"
    return None
