"""The bundle: every file the Pyodide engine writes into its two interpreters, in one JSON document.

Written to the site as bundle.json for the page, and handed to the Node engine as a file. The judge gets
the harness, the hidden tests and the metadata; the student gets only what answers calls (wire, student
side): the hidden tests never enter the student's interpreter.
"""
import json
from pathlib import Path

from runner.grading.private_tests import declared, shipped_files

ROOT = Path(__file__).resolve().parents[1]
HARNESS = ROOT / "runner" / "harness"
HOST_ONLY = {"transport_process.py", "student_main.py"}
STUDENT_FILES = ["__init__.py", "wire.py", "wire_decode.py", "student_side.py", "student_entry.py", "student_console.py", "lazy_modules.py"]


def _text(path):
    return path.read_text(encoding="utf-8")


def build_bundle(exercise):
    judge_files = {"runner/__init__.py": _text(ROOT / "runner" / "__init__.py")}
    for path in sorted(HARNESS.glob("*.py")):
        if path.name not in HOST_ONLY:
            judge_files[f"runner/harness/{path.name}"] = _text(path)
    tests_dir = exercise.tests_dir
    for path in shipped_files(exercise):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".json", ".txt", ".toml"):
            judge_files[f"hidden_tests/{path.relative_to(tests_dir).as_posix()}"] = _text(path)
    # where private tests are kept is the instructor's business: the page learns only that there are some
    metadata = {**exercise.data, "hidden_tests": "../hidden_tests", "private_tests": declared(exercise)}
    judge_files["exercise/exercise.json"] = json.dumps(metadata, indent=1)
    student_files = {"runner/__init__.py": judge_files["runner/__init__.py"]}
    for name in STUDENT_FILES:
        student_files[f"runner/harness/{name}"] = _text(HARNESS / name)
    requirements = list(exercise.data.get("requirements", []))
    return {
        "exercise": metadata,
        "judge_files": judge_files,
        "student_files": student_files,
        "judge_packages": requirements + ["pytest", "pluggy", "iniconfig", "packaging"],
        "student_packages": requirements,
    }


def write_bundle(exercise, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build_bundle(exercise)), encoding="utf-8")
    return path
