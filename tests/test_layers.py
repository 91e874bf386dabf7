"""Imports only go down (issue 34): the interpreters' code imports nothing of the host's, the host's parts import
only the layers below them, and nothing imports the command line. Every import counts, those inside functions
too: a lazy import that runs back up is still a cycle waiting to happen."""
import ast
from pathlib import Path

from helpers import ROOT

RUNNER = ROOT / "runner"
# What each part of runner/ may import (besides itself): the architecture's layers, docs/architecture.md.
MAY_IMPORT = {
    "shared": set(),
    "judge": {"shared"},
    "student": {"shared"},
    "bundle": {"judge"},
    "assembly": {"judge", "bundle"},
    "isolation": set(),
    "browsers": set(),
    "engines": {"judge", "student", "shared", "bundle", "assembly", "isolation"},
    "course": {"judge"},
    "grading": {"judge", "shared", "bundle", "assembly", "engines", "isolation", "course"},
    "authoring": {"judge", "shared", "engines", "grading", "course"},
    "site": {"judge", "bundle", "assembly", "course"},
    "bench": {"judge", "bundle", "assembly", "engines", "isolation", "grading", "site", "browsers"},
    "cli": {"judge", "bundle", "assembly", "engines", "isolation", "grading", "authoring", "site", "bench", "course"},
    "__main__": {"cli"},
}


def part_of(path):
    """The part of runner/ a file belongs to: its top folder, or a top-level module's name."""
    relative = path.relative_to(RUNNER)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported_parts(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            bits = name.split(".")
            if bits[0] == "runner" and len(bits) > 1:
                yield bits[1], node.lineno


def test_every_part_of_the_runner_has_its_layer():
    parts = {part_of(path) for path in RUNNER.rglob("*.py")} - {"__init__"}
    assert parts <= set(MAY_IMPORT), f"parts with no layer: {sorted(parts - set(MAY_IMPORT))}"


def test_imports_only_go_down():
    wrong = []
    for path in sorted(RUNNER.rglob("*.py")):
        source = part_of(path)
        if source == "__init__":
            continue
        for target, line in imported_parts(path):
            if target != source and target in MAY_IMPORT and target not in MAY_IMPORT[source]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports runner.{target}")
    assert not wrong, "\n".join(wrong)
