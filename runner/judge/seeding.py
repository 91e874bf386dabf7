"""The run's seed, a pytest plugin: every hidden test draws its data from it, so the answers cannot be learnt
once and replayed (issue 26). The judge sets a seed for each run (fresh on the page, fresh and secret at the
re-grade); a plain `pytest hidden_tests` takes `--seed N`, else $SEED, else a fresh one, and prints it.

Fixtures: `seed` (the run's integer seed) and `rng` (a numpy Generator of its own for each test, derived from
the seed and the test's name, so a test's data do not depend on which tests ran before it). Each test also
finds NumPy's legacy global state and `random` seeded the same way.

PYTEST_DONT_REWRITE: it has no asserts, and the graders import it before pytest loads it as a plugin."""
import os
import random
import secrets
import sys
import zlib

import pytest

# Seeds are JSON integers the page's JavaScript holds exactly (below 2**53).
SEED_LIMIT = 2 ** 53
SEED_ENV = "SEED"

_judge_seed = None  # the judge's seed for the run under way (set_run_seed); None in a plain pytest run
_plain_seed = None  # a plain pytest run's seed, chosen once at configuration


def fresh_seed():
    """A seed nobody can know or choose in advance."""
    return secrets.randbelow(SEED_LIMIT)


def parse_seed(text):
    """The seed in `text` (a whole number from 0 to 2**53 - 1), or ValueError saying what is wrong."""
    seed = int(text) if type(text) is int else int(str(text).strip()) if str(text).strip().isdigit() else -1
    if not 0 <= seed < SEED_LIMIT:
        raise ValueError(f"a seed is a whole number from 0 to {SEED_LIMIT - 1}, not {str(text)[:40]!r}")
    return seed


def set_run_seed(seed):
    """The judge's seed for the next runs (None: back to a plain pytest run's own)."""
    global _judge_seed
    _judge_seed = None if seed is None else parse_seed(seed)


def run_seed():
    return _judge_seed if _judge_seed is not None else _plain_seed


def seed_for_test(seed, name):
    """The seed a test named `name` draws from in a run seeded `seed`: a SeedSequence's entropy."""
    return [seed, zlib.crc32(name.encode("utf-8"))]


def pytest_addoption(parser):
    parser.addoption("--seed", default=None, help=f"the run's data seed (default: ${SEED_ENV}, else a fresh one)")


def pytest_configure(config):
    global _plain_seed
    if _judge_seed is None:
        given = config.getoption("seed", None) or os.environ.get(SEED_ENV)
        try:
            _plain_seed = parse_seed(given) if given else fresh_seed()
        except ValueError as error:
            raise pytest.UsageError(str(error)) from None


def pytest_report_header(config):
    seed = run_seed()
    return f"data seed: {seed} (the same data again: --seed {seed}, or {SEED_ENV}={seed})"


def pytest_terminal_summary(terminalreporter):
    if terminalreporter.stats.get("failed") or terminalreporter.stats.get("error"):
        seed = run_seed()
        terminalreporter.write_line(f"data seed: {seed} (to debug on the same data: --seed {seed})")


@pytest.fixture
def seed():
    """The run's data seed."""
    return run_seed()


@pytest.fixture
def rng(request):
    """A numpy random Generator for this test alone, seeded from the run's seed and the test's name."""
    import numpy as np

    return np.random.default_rng(seed_for_test(run_seed(), request.node.name))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that uses np.random.* or random.* directly draws from the run's seed too. A hook, not an autouse
    fixture: fixtures cost the page's re-run milliseconds per test (issue 26's speed target)."""
    state = zlib.crc32(repr(seed_for_test(run_seed(), item.name)).encode())
    random.seed(state)
    numpy = sys.modules.get("numpy")  # an exercise without NumPy has nothing more to seed
    if numpy is not None:
        numpy.random.seed(state)
