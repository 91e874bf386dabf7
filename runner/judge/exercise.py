"""The exercise's metadata (exercise/exercise.json), the one description every engine and the page read."""
import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_LIMITS = {"run_seconds": 10.0, "call_seconds": 3.0, "test_seconds": 1.0}
TEXT_FIELDS = ("id", "title", "version")
FILE_FIELDS = ("statement", "starter", "reference", "wrong_solutions", "hidden_tests", "test_support")
IMPORTS_AT = "imports"       # where a packed exercise (the bundle, an autograder) keeps the imports' sources
SUPPORT_AT = "test_support"  # and the tests' support, beside its exercise/ and hidden_tests/


class ExerciseError(ValueError):
    """An exercise.json nothing can be built from; str() is one line naming the file and the field."""


@dataclass(frozen=True)
class Exercise:
    directory: Path
    data: dict

    @classmethod
    def load(cls, directory):
        directory = Path(directory)
        where = directory / "exercise.json"
        data = read_json(where, ExerciseError)
        if not isinstance(data, dict):
            raise ExerciseError(f"{where}: an exercise.json is a JSON object")
        problem = field_problem(data)
        if problem:
            raise ExerciseError(f"{where}: {problem}")
        exercise = cls(directory, data)
        for name, path in exercise.imports.items():
            if not path.is_file():
                raise ExerciseError(f"{where}: imports.{name}: no such file: {data['imports'][name]}")
        if exercise.test_support_dir is not None and not exercise.test_support_dir.is_dir():
            raise ExerciseError(f"{where}: test_support: no such folder: {data['test_support']}")
        return exercise

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
    def imports(self):
        """{module name: path}: the earlier steps' code solution.py may import by those names (issue 36), graded
        against the references these paths name."""
        return {name: (self.directory / path).resolve() for name, path in self.data.get("imports", {}).items()}

    def import_sources(self):
        return {name: path.read_text(encoding="utf-8") for name, path in self.imports.items()}

    @property
    def test_support_dir(self):
        """A folder of Python modules the hidden tests import, shared by a track's steps (the judge puts it on
        its path beside the tests), or None."""
        return self.path("test_support")

    def packed_fields(self):
        """The exercise.json fields of an exercise packed to be graded elsewhere (the bundle, an autograder): the
        imports and the tests' support where packed_files() puts them."""
        fields = {}
        if self.imports:
            fields["imports"] = {name: f"{IMPORTS_AT}/{name}.py" for name in self.imports}
        if self.test_support_dir is not None:
            fields["test_support"] = f"../{SUPPORT_AT}"
        return fields

    def packed_files(self, imports=None):
        """{path under the grader's root: text} of those files; `imports`: their sources, if already read."""
        imports = self.import_sources() if imports is None else imports
        files = {f"exercise/{IMPORTS_AT}/{name}.py": source for name, source in imports.items()}
        if self.test_support_dir is not None:
            for path in sorted(self.test_support_dir.rglob("*.py")):
                if "__pycache__" not in path.parts:
                    relative = path.relative_to(self.test_support_dir).as_posix()
                    files[f"{SUPPORT_AT}/{relative}"] = path.read_text(encoding="utf-8")
        return files

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


def read_json(path, error):
    """The JSON document at `path`; raises `error` (an exception class) with one line naming the file when it is
    missing or not JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise error(f"{path}: not a JSON file ({problem})") from None


def field_problem(data):
    """'field: why' for the first field of exercise.json's `data` that no engine could use, or None."""
    for key in TEXT_FIELDS:
        if key not in data:
            return f"{key}: missing"
        if not isinstance(data[key], str) or not data[key].strip():
            return f"{key}: a non-empty string is needed, not {json.dumps(data[key])}"
    functions = data.get("functions")
    if not isinstance(functions, list) or not functions or not all(
            isinstance(name, str) and name.isidentifier() for name in functions):
        return f"functions: a non-empty list of function names is needed, not {json.dumps(functions)}"
    for key in FILE_FIELDS:
        if key in data and data[key] is not None and (not isinstance(data[key], str) or not data[key]):
            return f"{key}: a path relative to exercise.json is needed, not {json.dumps(data[key])}"
    limits = data.get("limits", {})
    if not isinstance(limits, dict):
        return f"limits: an object of {', '.join(DEFAULT_LIMITS)} is needed"
    for key, value in limits.items():
        if key not in DEFAULT_LIMITS:
            return f"limits.{key}: not a limit (the limits: {', '.join(DEFAULT_LIMITS)})"
        if type(value) not in (int, float) or not 0 < value < 3600:
            return f"limits.{key}: a number of seconds above 0 is needed, not {json.dumps(value)}"
    for key in ("requirements", "examples", "assets"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return f"{key}: a list of strings is needed"
    imports = data.get("imports", {})
    if not isinstance(imports, dict) or not all(
            isinstance(name, str) and name.isidentifier() and name != "solution" and isinstance(path, str) and path
            for name, path in imports.items()):
        return "imports: an object of {\"module name\": \"path of its source\"} is needed"
    if "track" in data and not isinstance(data["track"], dict):
        return "track: an object is needed ({\"name\": ..., \"step\": N, \"next\": ...})"
    return None
