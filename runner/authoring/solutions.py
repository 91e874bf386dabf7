"""Solutions with declared verdicts. A line `# expected-failures: test_a, test_b` names the hidden tests the
file must fail (every other test must pass; an empty list means it passes everything); a line
`# expected-status: error` says the tests cannot run at all (solution.py does not import); each line
`# expected-hint: test_a: words` says the hint shown for that failing test must mention those words (any
case), so that a hint that no longer names the file's own mistake is caught (issue 22). Used by the
project's tests and by validation."""
import re
from pathlib import Path

FAILURES = re.compile(r"^#\s*expected-failures:[ \t]*(.*)$", re.MULTILINE)
STATUS = re.compile(r"^#\s*expected-status:[ \t]*(\w+)", re.MULTILINE)
HINT = re.compile(r"^#\s*expected-hint:[ \t]*(\w+):[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def declared_verdict(path):
    """("error", None), ("tests", {names that must fail}), or None when the file declares nothing."""
    text = Path(path).read_text(encoding="utf-8")
    status = STATUS.search(text)
    if status is not None:
        return status.group(1), None
    failures = FAILURES.search(text)
    if failures is None:
        return None
    return "tests", {name.strip() for name in failures.group(1).split(",") if name.strip()}


def declared_hints(path):
    """{test name: words its hint must mention} from the file's `# expected-hint:` lines."""
    return dict(HINT.findall(Path(path).read_text(encoding="utf-8")))


def hint_problems(path, results):
    """Where a declared hint is missing from, or not mentioned by, the hint the test showed."""
    shown = {test["test"]: test.get("hint") or "" for test in results["tests"]}
    problems = []
    for name, words in declared_hints(path).items():
        if name not in shown:
            problems.append(f"{path}: declares a hint for {name}, which is not a hidden test")
        elif words.lower() not in shown[name].lower():
            problems.append(f"{path}: the hint for {name} should mention '{words}' but says: "
                            f"{shown[name] or '(no hint)'}")
    return problems


def wrong_solutions(exercise):
    folder = exercise.path("wrong_solutions")
    return sorted(folder.glob("*.py")) if folder and folder.is_dir() else []


def failed_tests(results):
    return {test["test"] for test in results["tests"] if test["status"] != "pass"}


def verdict_problems(path, results):
    """What differs between the file's declared verdict and `results` (an empty list when they agree)."""
    declared = declared_verdict(path)
    if declared is None:
        return [f"{path}: declares no verdict"]
    kind, failures = declared
    if kind != "tests":
        return [] if results["status"] == kind else [f"{path}: expected status {kind}, got {results['status']}"]
    if results["status"] == "error":
        return [f"{path}: the tests did not run: {results.get('message')}"]
    problems = []
    got = failed_tests(results)
    for name in sorted(failures - got):
        problems.append(f"{path}: should fail {name} but passes it")
    for name in sorted(got - failures):
        message = next(t.get("message") for t in results["tests"] if t["test"] == name)
        problems.append(f"{path}: should pass {name} but fails it: {message}")
    known = {t["test"] for t in results["tests"]}
    for name in sorted(failures - known):
        problems.append(f"{path}: declares {name}, which is not a hidden test")
    return problems + hint_problems(path, results)
