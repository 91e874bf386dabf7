"""Helpers shared by the project's tests (fixtures live in conftest.py)."""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "runner" / "results.schema.json").read_text())


def assert_valid_results(results):
    import jsonschema

    jsonschema.validate(results, SCHEMA)
