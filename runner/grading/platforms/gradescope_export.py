"""`python -m runner export gradescope`: the autograder.zip a Gradescope programming assignment takes (issue 30).

Gradescope unpacks it into /autograder/source, runs setup.sh once to build the image and run_autograder for each
submission (https://gradescope-autograders.readthedocs.io/en/latest/specs/). It holds the grader (the runner's
files the autograder's imports reach, runner_closure.py: nothing of the site's), the exercise's metadata, the
hidden tests and any private tests, their support and the earlier steps' references the exercise imports, and the
pinned requirements; never its own reference or the wrong solutions.
"""
import io
import json
import re
import stat
import zipfile
from pathlib import Path

from runner.grading.platforms.runner_closure import runner_files
from runner.grading.private_tests import NoPrivateTests, with_private_tests

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).parent
AUTOGRADER = HERE / "gradescope_autograder.py"  # what run_autograder runs: the runner's files it needs ship
EXERCISE_KEYS_LEFT_OUT = ("reference", "wrong_solutions", "statement", "assets", "starter")


def export(exercise, out, private_tests=None):
    """Write autograder.zip for `exercise` to `out`; its private tests (exercise.json's, or `private_tests`) go
    in too. Returns the path."""
    graded, keep = with_private_tests(exercise, private_tests)
    try:
        files = {"setup.sh": (HERE / "gradescope_setup.sh").read_bytes(),
                 "run_autograder": (HERE / "gradescope_run_autograder.sh").read_bytes(),
                 "requirements.txt": ("\n".join(grader_requirements()) + "\n").encode()}
        files.update({name: path.read_bytes() for name, path in runner_files(AUTOGRADER).items()})
        files.update(_tree(graded.tests_dir, "hidden_tests"))
        data = {key: value for key, value in graded.data.items() if key not in EXERCISE_KEYS_LEFT_OUT}
        data["hidden_tests"] = "../hidden_tests"
        data.update(graded.packed_fields())  # the earlier steps' references it imports, the tests' support
        files.update({name: text.encode() for name, text in graded.packed_files().items()})
        if graded.has_private_tests:
            data["private_tests"] = False  # now a sub-folder of hidden_tests (runner/grading/private_tests.py)
        files["exercise/exercise.json"] = json.dumps(data, indent=2).encode()
    finally:
        if keep is not None:
            keep.cleanup()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            executable = name in ("setup.sh", "run_autograder")
            info.external_attr = ((stat.S_IFREG | (0o755 if executable else 0o644)) << 16)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    out.write_bytes(buffer.getvalue())
    return out


def _tree(folder, prefix):
    """{name in the zip: bytes} for the files under `folder`, without caches or compiled files."""
    folder = Path(folder)
    return {f"{prefix}/{path.relative_to(folder).as_posix()}": path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}


__all__ = ["export", "NoPrivateTests"]


def grader_requirements():
    """The pins a grading machine installs: pyproject.toml's [project] dependencies, their one home."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10 has no tomllib: the one array, read as the simple list it is
        block = re.search(r"^dependencies\s*=\s*\[(.*?)\]", text, re.M | re.S).group(1)
        return re.findall(r'"([^"]+)"', block)
    return tomllib.loads(text)["project"]["dependencies"]
