"""`python -m runner validate`: checks a hidden-test suite the way a careful instructor would, per engine.

- every test has a display name (the first line of its docstring);
- the reference solution passes every test on each of many seeds (issue 26), twice on the same seed with
  the same results (no nondeterminism beside the seed), and each test stays within limits.test_seconds;
- no test sends solution.py the same data under two seeds: such a test can be memorised;
- the starter fails every test;
- every wrong solution fails exactly the tests it declares (`# expected-failures: ...`), with the hints it
  declares, on every seed; one that passes everything means the tests are too weak, and one whose verdict
  depends on the seed is flaky.
"""
import ast
import io
import threading
from pathlib import Path

from runner.authoring.solutions import declared_verdict, verdict_problems, wrong_solutions

REFERENCE_SEEDS = 20
WRONG_SEEDS = 3


def missing_display_names(tests_dir):
    problems = []
    for path in sorted(Path(tests_dir).rglob("test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test") and not (ast.get_docstring(node) or "").strip():
                problems.append(f"{path.name}::{node.name} has no display name: give it a docstring whose "
                                "first line is what students see")
    return problems


def _comparable(results):
    return [(t["test"], t["status"], t.get("kind"), t.get("message")) for t in results["tests"]]


def memorisable_tests(first, second):
    """The tests that sent solution.py the same data in two runs on different seeds."""
    inputs = {test["test"]: test.get("inputs") for test in second["tests"]}
    return [test["test"] for test in first["tests"] if test.get("inputs") and test.get("inputs") == inputs.get(test["test"])]


def validate_engine(exercise, engine, report, seeds, wrong_seeds):
    """Run every check with one engine on `seeds` (the reference) and the first `wrong_seeds` of them (the
    wrong solutions); `report(ok, text)` hears each finding; returns the problems."""
    problems = []

    def finding(ok, text):
        report(ok, text)
        if not ok:
            problems.append(text)

    reference = exercise.path("reference").read_text(encoding="utf-8")
    runs = [engine.grade(reference, seed=seed) for seed in seeds]
    again = engine.grade(reference, seed=seeds[0])
    failing = [f"{t['name']} (seed {run['seed']})" for run in runs for t in run["tests"] if t["status"] != "pass"]
    broken = next((run for run in runs if run["status"] != "pass"), None)
    finding(broken is None, f"reference passes every test on {len(seeds)} seeds" if broken is None else
            f"reference does not pass on seed {broken['seed']}: {broken.get('message')}; failing: "
            f"{', '.join(failing) or 'none ran'}")
    first = runs[0]
    differing = [a[0] for a, b in zip(_comparable(first), _comparable(again)) if a != b]
    finding(not differing and len(first["tests"]) == len(again["tests"]),
            "reference: two runs on the same seed agree (deterministic)" if not differing else
            f"nondeterministic: two runs of the reference on seed {first['seed']} differ in {', '.join(differing)} "
            "(draw random data from the `rng` fixture only)")
    if len(runs) > 1:
        same = memorisable_tests(runs[0], runs[1])
        finding(not same, "every test sends new data on each seed" if not same else
                f"this test can be memorised: {', '.join(same)} sent solution.py the same data on seeds "
                f"{runs[0]['seed']} and {runs[1]['seed']} (draw part of its data from the `rng` fixture)")
    budget = float(exercise.limits["test_seconds"])
    again_took = {t["test"]: t.get("duration", 0) for t in again["tests"]}
    slow = [f"{t['test']} ({t.get('duration', 0):.2f} s)" for t in first["tests"]
            if min(t.get("duration", 0), again_took.get(t["test"], 0)) > budget]
    finding(not slow, f"every test within {budget:g} s" if not slow else
            f"too slow (budget {budget:g} s per test, limits.test_seconds): {', '.join(slow)}")

    starter = engine.grade(exercise.path("starter").read_text(encoding="utf-8"), seed=seeds[0])
    passing = [t["name"] for t in starter["tests"] if t["status"] == "pass"]
    finding(starter["tests"] and not passing, "starter fails every test" if not passing else
            f"the starter passes {', '.join(passing)}: those tests check nothing the starter lacks")

    for path in wrong_solutions(exercise):
        if declared_verdict(path) is None:
            finding(False, f"{path.name}: declares no verdict (add `# expected-failures: test_a, test_b`)")
            continue
        finding(*_wrong_solution_finding(engine, path, seeds[:wrong_seeds]))
    return problems


def _validate_one(exercise, engine, out, seeds, wrong_seeds, problems):
    """One engine's part of validate: its report printed to `out`, its problems added to `problems`."""
    print(f"{engine.name}:", file=out, flush=True)
    try:
        problems.extend(validate_engine(exercise, engine, lambda ok, text: print(
            f"  {'ok  ' if ok else 'FAIL'}  {text}", file=out, flush=True), seeds, wrong_seeds))
    except Exception as error:  # the other engine's report still stands; this one's failure is a problem
        problems.append(f"{engine.name}: validate stopped: {type(error).__name__}: {error}")
        print(f"  FAIL  validate stopped: {type(error).__name__}: {error}", file=out, flush=True)
    finally:
        engine.close()


def _wrong_solution_finding(engine, path, seeds):
    """(ok, text) for one wrong solution graded on each seed: its declared verdict and hints on every one."""
    source = path.read_text(encoding="utf-8")
    by_seed = [(seed, engine.grade(source, seed=seed)) for seed in seeds]
    problems = {seed: verdict_problems(path, results) for seed, results in by_seed}
    for seed, results in by_seed:
        if results["status"] == "pass":
            problems[seed].insert(0, f"{path.name} passes every test: the tests are too weak to catch it")
    bad = [seed for seed in seeds if problems[seed]]
    if not bad:
        return True, f"{path.name}: fails exactly its declared tests on {len(seeds)} seeds"
    text = "; ".join(problems[bad[0]])
    if len(bad) < len(seeds):
        good = next(seed for seed in seeds if not problems[seed])
        return False, (f"{path.name}: flaky: its verdict depends on the data: right on seed {good}, but on seed "
                       f"{bad[0]}: {text}")
    return False, text


def validate(exercise, engines, out, *, seeds, wrong_seeds=WRONG_SEEDS):
    """Validate with each engine on `seeds`; print a report to `out`; return the number of problems."""
    total = 0
    names = missing_display_names(exercise.tests_dir)
    for problem in names:
        print(f"  FAIL  {problem}", file=out)
    total += len(names)
    print(f"on {len(seeds)} seeds (each problem names its seed; `validate --seed N` checks that one again)", file=out)
    engines = list(engines)
    # An engine whose judge runs elsewhere (Pyodide under Node) grades beside this process's own judge, on the
    # other core; its report is printed after theirs (two reports interleaved line by line would be unreadable).
    beside = [engine for engine in engines if not getattr(engine, "judge_in_this_process", True)][:1]
    held, problems = io.StringIO(), []
    threads = [threading.Thread(target=_validate_one, args=(exercise, engine, held, seeds, wrong_seeds, problems))
               for engine in beside]
    for thread in threads:
        thread.start()
    try:
        for engine in engines:
            if engine not in beside:
                _validate_one(exercise, engine, out, seeds, wrong_seeds, problems)
    finally:
        for thread in threads:
            thread.join()
        out.write(held.getvalue())
    total += len(problems)
    print(f"{'valid' if total == 0 else f'{total} problem(s)'}: {exercise.data['title']} "
          f"({exercise.id} {exercise.version})", file=out)
    return total
