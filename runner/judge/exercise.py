"""The exercise's metadata (exercise/exercise.json), the one description every engine and the page read."""
import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_LIMITS = {"run_seconds": 10.0, "call_seconds": 3.0, "test_seconds": 1.0}


@dataclass(frozen=True)
class Exercise:
    directory: Path
    data: dict

    @classmethod
    def load(cls, directory):
        directory = Path(directory)
        data = json.loads((directory / "exercise.json").read_text(encoding="utf-8"))
        missing = [key for key in ("id", "title", "version", "functions") if key not in data]
        if missing:
            raise ValueError(f"{directory / 'exercise.json'} lacks {', '.join(missing)}")
        return cls(directory, data)

    def path(self, key, default=None):
        value = self.data.get(key, default)
        return None if value is None else (self.directory / value).resolve()

    @property
    def id(self):
        return self.data["id"]

    @property
    def version(self):
        return self.data["version"]

    @property
    def functions(self):
        return list(self.data["functions"])

    @property
    def tests_dir(self):
        return self.path("hidden_tests", "../hidden_tests")

    @property
    def limits(self):
        return {**DEFAULT_LIMITS, **self.data.get("limits", {})}

    @property
    def has_private_tests(self):
        """Whether the grade includes private tests (exercise.json's "private_tests": their folder, or `true`
        when they are kept elsewhere and named with `--private-tests DIR`: runner/grading/private_tests.py)."""
        return bool(self.data.get("private_tests"))

    @property
    def private_tests_dir(self):
        """The folder exercise.json names for its private tests, or None."""
        value = self.data.get("private_tests")
        return (self.directory / value).resolve() if isinstance(value, str) else None

    def shipped_test_files(self):
        """The hidden tests' files that may reach the site: all but a private folder kept among them."""
        private = self.private_tests_dir
        for path in sorted(self.tests_dir.rglob("*")):
            if private is not None and (path == private or private in path.parents):
                continue
            yield path
