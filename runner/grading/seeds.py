"""The re-grade's data seeds (issue 26): each hand-in is graded on seeds drawn from a secure source, which no
student can know or choose, or on the seeds an instructor names to reproduce a grading; with several seeds a
test passes only if it passes on every one."""
from runner.judge.results import verdict
from runner.judge.seeding import fresh_seed, parse_seed


def seeds_for_hand_in(given, count):
    """The seeds one hand-in is graded on: `given` (a list, reproducing a grading), else `count` fresh ones."""
    return list(given) if given else [fresh_seed() for _ in range(max(1, count))]


def parse_seed_list(text):
    """`12` or `12,34,56` (as `--seed` takes it) as a list of seeds, or ValueError."""
    return [parse_seed(part) for part in str(text).split(",")]


def grade_on_seeds(engine, source, seeds, modules=None):
    """The results of `source` on each seed, combined: a test passes only if it passed on every seed; one
    that did not keeps its first failure, with the seed it failed on. A run that could not grade at all (the
    file does not import, say) is returned as it is. `modules`: the earlier steps' code the file imports
    instead of the references (a track's own-code step), or None."""
    extra = {} if modules is None else {"modules": modules}
    runs = []
    for seed in seeds:
        runs.append(engine.grade(source, seed=seed, **extra))
        if runs[-1]["status"] == "error":
            break
    combined = combine(runs)
    if len(seeds) > 1:
        combined["seeds"] = [run["seed"] for run in runs]
    return combined


def combine(runs):
    first = runs[0]
    if len(runs) == 1:
        return first
    failed = next((run for run in runs if run["status"] == "error"), None)
    if failed is not None:
        return {**failed, "duration": _total_duration(runs)}
    tests = []
    by_name = [{test.get("test") or test["name"]: test for test in run["tests"]} for run in runs]
    for test in first["tests"]:
        name = test.get("test") or test["name"]
        for run, tests_of in zip(runs, by_name):
            other = tests_of.get(name)
            if other is None:
                test = {**test, "status": "error", "kind": "harness", "seed": run["seed"],
                        "message": "this test did not run on every seed"}
                break
            if other["status"] != "pass":
                test = {**other, "seed": run["seed"]}
                break
        tests.append(test)
    status, message = verdict(tests, f"on all {len(runs)} seeds")
    return {**first, "status": status, "message": message, "tests": tests, "duration": _total_duration(runs)}


def _total_duration(runs):
    return round(sum(run.get("duration", 0) for run in runs), 4)
