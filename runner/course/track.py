"""The track's manifest (track/track.json, issue 36): which steps a course has, in which order, what each builds
on. Loaded and checked whole before any step is read: a missing folder, a cycle, a step building on a later one, a
step whose tests import a later step, a step importing a module it does not build on, a step without tests or a
wrong exercise.json field stops with one line naming the file and the field. A step may say "own_code": true
(the capstone): `check --track` then grades it on the student's own earlier steps (runner/grading/track_check.py)."""
import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from runner.judge.exercise import Exercise, ExerciseError, read_json

SLUG = re.compile(r"[a-z][a-z0-9-]{0,39}")


class TrackError(ValueError):
    """A manifest (or a step's exercise.json) the track cannot be built from; str() is the one line to show."""


@dataclass(frozen=True)
class Step:
    number: int         # 1-based, the manifest's order
    slug: str           # the step's name on the command line and in the site
    module: str | None  # the module name later steps import this step's functions from
    builds_on: tuple
    exercise: Exercise
    own_code: bool = False  # check --track: its imports are the student's own earlier steps where those passed


@dataclass(frozen=True)
class Track:
    path: Path
    id: str
    title: str
    steps: tuple

    def step(self, slug):
        for step in self.steps:
            if step.slug == slug:
                return step
        raise TrackError(f"{self.path}: steps: no step named {slug!r} (the steps: "
                         f"{', '.join(step.slug for step in self.steps)})")

    @classmethod
    def load(cls, path):
        path = Path(path)
        data = read_json(path, TrackError)
        if not isinstance(data, dict):
            raise TrackError(f"{path}: the manifest is a JSON object with id, title and steps")
        for key in ("id", "title"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                raise TrackError(f"{path}: {key}: a non-empty string is needed")
        entries = data.get("steps")
        if not isinstance(entries, list) or not entries:
            raise TrackError(f"{path}: steps: a non-empty list of steps is needed")
        steps = tuple(_step(path, data["title"], number, entry) for number, entry in enumerate(entries, 1))
        _check_names(path, steps)
        _check_order(path, steps)
        return cls(path, data["id"], data["title"], steps)


def _step(path, title, number, entry):
    where = f"{path}: steps[{number - 1}]"
    if not isinstance(entry, dict):
        raise TrackError(f"{where}: a step is an object with slug, exercise, module and builds_on")
    slug = entry.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise TrackError(f"{where}.slug: lower-case letters, digits and dashes, starting with a letter")
    where = f"{path}: step {slug!r}"
    folder = entry.get("exercise")
    if not isinstance(folder, str) or not folder:
        raise TrackError(f"{where}: exercise: the step's exercise folder, relative to the manifest")
    directory = (path.parent / folder).resolve()
    if not (directory / "exercise.json").is_file():
        raise TrackError(f"{where}: exercise: {directory} has no exercise.json")
    module = entry.get("module")
    if module is not None and (not isinstance(module, str) or not module.isidentifier() or module == "solution"):
        raise TrackError(f"{where}: module: a Python module name (not 'solution'), or null")
    builds_on = entry.get("builds_on", [])
    if not isinstance(builds_on, list) or not all(isinstance(name, str) for name in builds_on):
        raise TrackError(f"{where}: builds_on: a list of the slugs of earlier steps")
    own_code = entry.get("own_code", False)
    if type(own_code) is not bool:
        raise TrackError(f"{where}: own_code: true or false (true: `check --track` grades this step on the "
                         "student's own earlier steps where those passed)")
    try:
        exercise = Exercise.load(directory)
    except ExerciseError as error:
        raise TrackError(str(error)) from None
    if own_code and not exercise.imports:
        raise TrackError(f"{where}: own_code: the step imports no earlier step (its exercise.json has no imports)")
    declared = exercise.data.get("track")
    json_file = directory / "exercise.json"
    if not isinstance(declared, dict) or declared.get("step") != number or declared.get("name") != title:
        raise TrackError(f"{json_file}: track: must be {{\"name\": {json.dumps(title)}, \"step\": {number}, ...}} "
                         f"(the manifest's title and this step's place), not {json.dumps(declared)}")
    if not any(exercise.tests_dir.glob("test_*.py")):
        raise TrackError(f"{json_file}: hidden_tests: {exercise.tests_dir} holds no test_*.py: a step needs tests")
    return Step(number, slug, module, tuple(builds_on), exercise, own_code)


def _check_names(path, steps):
    for kind, values in (("slug", [step.slug for step in steps]),
                         ("module", [step.module for step in steps if step.module])):
        repeated = sorted({value for value in values if values.count(value) > 1})
        if repeated:
            raise TrackError(f"{path}: steps: the {kind} {repeated[0]!r} names two steps")
    folders = [step.exercise.directory.resolve() for step in steps]
    if len(set(folders)) < len(folders):
        raise TrackError(f"{path}: steps: two steps share one exercise folder")


def _check_order(path, steps):
    """Every step builds only on earlier ones; a cycle is named as such, and no step's tests import a later step."""
    by_slug = {step.slug: step for step in steps}
    for step in steps:
        for name in step.builds_on:
            if name not in by_slug:
                raise TrackError(f"{path}: step {step.slug!r}: builds_on: no step named {name!r}")
    cycle = _find_cycle({step.slug: step.builds_on for step in steps})
    if cycle:
        raise TrackError(f"{path}: builds_on: a cycle: {' -> '.join(cycle)}")
    for step in steps:
        for name in step.builds_on:
            if by_slug[name].number > step.number:
                raise TrackError(f"{path}: step {step.slug!r}: builds_on: {name!r} comes later in the track "
                                 "(a step builds only on earlier ones)")
        _check_imports(step, by_slug)
        later = {other.module: other for other in steps if other.number > step.number and other.module}
        for test_file, module in _imported_modules(step.exercise.tests_dir):
            if module in later:
                raise TrackError(f"{test_file}: imports {module!r}, step {later[module].slug!r}, which comes later "
                                 "in the track")


def _check_imports(step, by_slug):
    """A step's exercise.json imports only the modules of steps it builds on (directly or through them), each
    from that step's reference: every step is graded on the references, so a bug in step 1 never fails step 3."""
    below, stack = {}, list(step.builds_on)
    while stack:
        earlier = by_slug[stack.pop()]
        if earlier.slug not in below:
            below[earlier.slug] = earlier
            stack.extend(earlier.builds_on)
    by_module = {earlier.module: earlier for earlier in below.values() if earlier.module}
    json_file = step.exercise.directory / "exercise.json"
    for name, path in step.exercise.imports.items():
        if name not in by_module:
            raise TrackError(f"{json_file}: imports.{name}: no step this one builds on has the module {name!r} "
                             f"(it builds on: {', '.join(step.builds_on) or 'nothing'})")
        reference = by_module[name].exercise.path("reference")
        if path != reference:
            raise TrackError(f"{json_file}: imports.{name}: must be the reference of step {by_module[name].slug!r} "
                             f"({reference}), not {path}")


def _find_cycle(graph):
    """A list of slugs that closes a cycle (first == last), or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in graph.get(node, ()):
            if state.get(nxt) == "open":
                return trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt]
            if nxt not in state:
                found = visit(nxt, trail + [nxt])
                if found:
                    return found
        state[node] = "done"
        return None

    for node in graph:
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def _imported_modules(tests_dir):
    """(file, top-level module) for every import in the hidden tests' Python files."""
    for test_file in sorted(Path(tests_dir).rglob("*.py")):
        try:
            tree = ast.parse(test_file.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue  # validate reports a test file that does not parse
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                yield from ((test_file, alias.name.split(".")[0]) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield test_file, node.module.split(".")[0]
