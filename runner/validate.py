"""`python -m runner validate`: checks a hidden-test suite the way a careful instructor would, per engine.

- every test has a display name (the first line of its docstring);
- the reference solution passes every test, twice, with the same results (no nondeterminism), and each
  test stays within the per-test budget (limits.test_seconds);
- the starter fails every test;
- every wrong solution fails exactly the tests it declares (`# expected-failures: ...`); one that passes
  everything means the tests are too weak, and the report says so.
"""
import ast
from pathlib import Path

from runner.solutions import declared_verdict, verdict_problems, wrong_solutions


def missing_display_names(tests_dir):
    problems = []
    for path in sorted(Path(tests_dir).glob("test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test") and not (ast.get_docstring(node) or "").strip():
                problems.append(f"{path.name}::{node.name} has no display name: give it a docstring whose "
                                "first line is what students see")
    return problems


def _comparable(results):
    return [(t["test"], t["status"], t.get("kind"), t.get("message")) for t in results["tests"]]


def validate_engine(exercise, engine, report):
    """Run every check with one engine; `report(ok, text)` hears each finding; returns the problems."""
    problems = []

    def finding(ok, text):
        report(ok, text)
        if not ok:
            problems.append(text)

    reference_path = exercise.path("reference")
    first = engine.grade(reference_path.read_text(encoding="utf-8"))
    second = engine.grade(reference_path.read_text(encoding="utf-8"))
    failing = [t["name"] for t in first["tests"] if t["status"] != "pass"]
    finding(first["status"] == "pass" and not failing,
            "reference passes every test" if first["status"] == "pass" else
            f"reference does not pass: {first.get('message')}; failing: {', '.join(failing) or 'none ran'}")
    differing = [a[0] for a, b in zip(_comparable(first), _comparable(second)) if a != b]
    finding(not differing and len(first["tests"]) == len(second["tests"]),
            "reference: two runs agree (deterministic)" if not differing else
            f"nondeterministic: two runs of the reference differ in {', '.join(differing)} (seed the tests' random data)")
    budget = float(exercise.limits["test_seconds"])
    slow = [f"{t['test']} ({max(t.get('duration', 0), u.get('duration', 0)):.2f} s)"
            for t, u in zip(first["tests"], second["tests"]) if min(t.get("duration", 0), u.get("duration", 0)) > budget]
    finding(not slow, f"every test within {budget:g} s" if not slow else
            f"too slow (budget {budget:g} s per test, limits.test_seconds): {', '.join(slow)}")

    starter = engine.grade(exercise.path("starter").read_text(encoding="utf-8"))
    passing = [t["name"] for t in starter["tests"] if t["status"] == "pass"]
    finding(starter["tests"] and not passing, "starter fails every test" if not passing else
            f"the starter passes {', '.join(passing)}: those tests check nothing the starter lacks")

    for path in wrong_solutions(exercise):
        results = engine.grade(path.read_text(encoding="utf-8"))
        if declared_verdict(path) is None:
            finding(False, f"{path.name}: declares no verdict (add `# expected-failures: test_a, test_b`)")
            continue
        issues = verdict_problems(path, results)
        if results["status"] == "pass":
            issues.insert(0, f"{path.name} passes every test: the tests are too weak to catch it")
        finding(not issues, f"{path.name}: fails exactly its declared tests" if not issues else "; ".join(issues))
    return problems


def validate(exercise, engines, out):
    """Validate with each engine; print a report to `out`; return the number of problems."""
    total = 0
    names = missing_display_names(exercise.tests_dir)
    for problem in names:
        print(f"  FAIL  {problem}", file=out)
    total += len(names)
    for engine in engines:
        print(f"{engine.name}:", file=out, flush=True)
        try:
            total += len(validate_engine(exercise, engine, lambda ok, text: print(
                f"  {'ok  ' if ok else 'FAIL'}  {text}", file=out, flush=True)))
        finally:
            engine.close()
    print(f"{'valid' if total == 0 else f'{total} problem(s)'}: {exercise.data['title']} "
          f"({exercise.id} {exercise.version})", file=out)
    return total
