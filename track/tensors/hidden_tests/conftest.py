"""Makes `import solution` mean the file under test ($SOLUTION if set, else the exercise's reference), then takes
the hooks every step shares from the track's support folder (track/support/step_conftest.py: the run's seed,
the hints); the graders install their own `solution` and put that folder on the path themselves."""
import sys
from pathlib import Path

if "solution" not in sys.modules:  # a plain pytest run: it finds the support folder as the graders do
    from runner.authoring.plain_pytest import use_solution_for_tests

    use_solution_for_tests(Path(__file__).parent)

from step_conftest import *  # noqa: E402,F401,F403 (pytest_plugins and pytest_exception_interact)
