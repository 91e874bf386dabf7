"""Private tests (issue 26): tests an instructor grades with that never reach the site. Kept outside the
public repository (or in a folder exercise.json names, which the build leaves out), they run in the same
judge, on the same seed, as a sub-folder of the hidden tests: the hidden tests' conftest.py (hints,
fixtures) and helpers (expect.py) serve them too. exercise.json's "private_tests" is that folder's path, or
`true` when it is kept elsewhere and named with `--private-tests DIR`; either way the page says that
grading runs more tests than the page does."""
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

SUBFOLDER = "zz_private"  # pytest collects a folder's entries by name: these run after the hidden tests


class NoPrivateTests(ValueError):
    pass


def with_private_tests(exercise, folder=None):
    """(exercise, keep): the exercise whose hidden tests are its own plus the private tests in `folder` (default:
    the folder exercise.json names), and the temporary folder that must outlive it (None when there are no
    private tests). NoPrivateTests when the exercise declares private tests and none can be found."""
    folder = Path(folder).resolve() if folder else exercise.private_tests_dir
    if folder is None:
        if exercise.has_private_tests:
            raise NoPrivateTests("this exercise's grade includes private tests (exercise.json): name their "
                                 "folder with --private-tests DIR")
        return exercise, None
    if not folder.is_dir() or not any(folder.rglob("test_*.py")):
        raise NoPrivateTests(f"{folder}: no private tests there (test_*.py files)")
    keep = tempfile.TemporaryDirectory(prefix="hidden-and-private-")
    suite = Path(keep.name) / "tests"
    shipped = set(exercise.shipped_test_files())
    shutil.copytree(exercise.tests_dir, suite, ignore=lambda where, names: [
        name for name in names if Path(where, name) not in shipped or name in ("__pycache__", SUBFOLDER)])
    shutil.copytree(folder, suite / SUBFOLDER, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    data = {**exercise.data, "hidden_tests": str(suite), "private_tests": True}
    return replace(exercise, data=data), keep
