"""The bundle: every file the Pyodide engine writes into its two interpreters, in one JSON document.

Written to the site as bundle.json for the page, and handed to the Node engine as a file. The judge gets the
judge side, what both sides share, the hidden tests and the exercise's metadata; the student gets the student
side and what both share: the hidden tests never enter the student's interpreter. Whole folders ship
(runner/judge/, runner/student/, runner/shared/): a file's folder says which interpreter it runs in. The judge
also gets the results schema, where runner/judge/results.py reads the results' version.
"""
import json
from pathlib import Path

from runner.judge.results import SCHEMA_FILE

RUNNER = Path(__file__).resolve().parent
JUDGE_SIDE = ("judge", "shared")
STUDENT_SIDE = ("student", "shared")
TEST_SUFFIXES = (".py", ".json", ".txt", ".toml")


def python_files(sides):
    """{path under the interpreter's /grader: source path} for the runner's package and the folders `sides`."""
    files = {"runner/__init__.py": RUNNER / "__init__.py"}
    for side in sides:
        for path in sorted((RUNNER / side).rglob("*.py")):
            files[f"runner/{path.relative_to(RUNNER).as_posix()}"] = path
    return files


def published_metadata(exercise):
    """exercise.json as every engine and the page read it: defaults merged in (limits), the hidden tests where the
    bundle puts them, and whether private tests exist (where they are kept is the instructor's business)."""
    return {**exercise.data, "limits": exercise.limits, "hidden_tests": "../hidden_tests",
            "private_tests": exercise.has_private_tests, **exercise.packed_fields()}


def _texts(files):
    return {name: path.read_text(encoding="utf-8") for name, path in files.items()}


def build_bundle(exercise):
    judge_files = _texts(python_files(JUDGE_SIDE))
    # The results' version is read from the schema (runner/judge/results.py): the judge's copy sits where it does here.
    judge_files[f"runner/{SCHEMA_FILE.relative_to(RUNNER).as_posix()}"] = SCHEMA_FILE.read_text(encoding="utf-8")
    tests_dir = exercise.tests_dir
    for path in exercise.shipped_test_files():
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in TEST_SUFFIXES:
            judge_files[f"hidden_tests/{path.relative_to(tests_dir).as_posix()}"] = path.read_text(encoding="utf-8")
    metadata = published_metadata(exercise)
    judge_files["exercise/exercise.json"] = json.dumps(metadata, indent=1)
    imports = exercise.import_sources()  # the judge sends them with each load; the page's console too
    judge_files.update(exercise.packed_files(imports))  # the imports' sources and the tests' support
    requirements = list(exercise.data.get("requirements", []))
    return {
        "exercise": metadata,
        "judge_files": judge_files,
        "student_files": _texts(python_files(STUDENT_SIDE)),
        "judge_packages": requirements + ["pytest", "pluggy", "iniconfig", "packaging"],
        "student_packages": requirements,
        "imports": imports,
    }


def write_bundle(exercise, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build_bundle(exercise)), encoding="utf-8")
    return path
