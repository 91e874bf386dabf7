"""Makes `import solution` mean the file under test ($SOLUTION if set, else the exercise's reference), gives
the tests their `rng` and `seed` fixtures (the run's data seed: --seed N or $SEED reproduces one), and gives
each failure the hint hints.py chooses for what went wrong (the graders show `error.hint`)."""
import sys
from pathlib import Path

import hints

pytest_plugins = ["runner.judge.seeding"]  # the graders load it themselves; this is for a plain pytest run
if "solution" not in sys.modules:  # a plain pytest run: every grader installs its own `solution` first
    from runner.authoring.plain_pytest import use_solution_for_tests

    use_solution_for_tests(Path(__file__).parent)


def pytest_exception_interact(node, call, report):
    error = call.excinfo.value
    hint = hints.hint_for(node.name, error)
    if hint is not None:
        try:
            error.hint = hint
        except AttributeError:  # an exception type that takes no attributes keeps the docstring's hint
            pass
