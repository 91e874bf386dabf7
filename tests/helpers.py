"""Helpers shared by the project's tests (fixtures live in conftest.py)."""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "runner" / "results.schema.json").read_text())
# The tests' data seeds: fixed, so that the engines can be compared on the same data and a failure repeats.
# `validate` (tests/test_instructor.py) checks every verdict on fresh seeds too.
SEEDS = (20261206, 7)


def assert_valid_results(results):
    import jsonschema

    jsonschema.validate(results, SCHEMA)
