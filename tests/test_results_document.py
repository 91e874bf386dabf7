"""The results document has one builder (issue 34): runner/judge/results.py, whose version is the schema's own
(runner/results.schema.json), in CPython and in the Pyodide judge alike; and `check` is one function that prints
nothing, whatever calls it."""
import ast
import json
import re
import subprocess
import sys

import jsonschema

from helpers import ROOT
from runner.bundle import build_bundle
from runner.grading.check import EXIT_BAD_INPUT, NO_SANDBOX_WARNING, CheckRequest, check
from runner.judge import results
from runner.judge.exercise import Exercise

SCHEMA = json.loads((ROOT / "runner" / "results.schema.json").read_text())
BUILDER = ROOT / "runner" / "judge" / "results.py"
# The course platforms' documents carry their own formats' versions, by their specifications.
PLATFORM_FORMATS = ROOT / "runner" / "grading" / "formats"


def versions_written(path):
    """Lines of `path` that write a number as a document's "version" (a dict literal's key or a keyword)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        pairs = []
        if isinstance(node, ast.Dict):
            pairs = [(key.value, value) for key, value in zip(node.keys, node.values) if isinstance(key, ast.Constant)]
        elif isinstance(node, ast.Call):
            pairs = [(keyword.arg, keyword.value) for keyword in node.keywords]
        for key, value in pairs:
            if key == "version" and isinstance(value, ast.Constant) and type(value.value) is int:
                yield node.lineno


def test_no_module_but_the_builder_writes_a_results_version():
    python = [f"{path.relative_to(ROOT)}:{line}" for path in sorted((ROOT / "runner").rglob("*.py"))
              if path != BUILDER and PLATFORM_FORMATS not in path.parents for line in versions_written(path)]
    # In the page's and the engines' scripts: an object with a numeric version and a status (the submission
    # file's own format version, in file_actions.js, has no status).
    scripts = [f"{path.relative_to(ROOT)}:{text[:match.start()].count(chr(10)) + 1}"
               for folder in ("web", "pyodide_engine", "engines")
               for path in sorted((ROOT / "runner" / folder).glob("*.*js"))
               for text in [path.read_text(encoding="utf-8")]
               for match in re.finditer(r"\bversion:\s*\d[^;]{0,200}?\bstatus:", text)]
    wrong = python + scripts
    assert not wrong, "results versions written outside runner/judge/results.py: " + ", ".join(wrong)


def test_the_version_is_the_schemas_and_every_built_document_is_valid():
    assert results.VERSION == SCHEMA["properties"]["version"]["const"]
    test = {"name": "shape", "test": "test_shape", "status": "fail", "message": "wrong", "output": None,
            "test_code": None}
    assert results.verdict([test, {**test, "status": "pass"}]) == ("fail", "1 of 2 tests passed")
    assert results.verdict([{**test, "status": "pass"}], "on all 3 seeds") == \
           ("pass", "all 1 tests passed on all 3 seeds")
    for document in (results.document(*results.verdict([test]), [test], seed=12),
                     results.error("harness", "the grader failed"),
                     results.error("refused", "not graded: no such file", file="a.py")):
        jsonschema.validate(document, SCHEMA)
        assert document["version"] == results.VERSION
    assert "seed" not in results.error("harness", "no seed given", seed=None)  # the schema's seed is never null


def test_the_pyodide_judge_reads_the_version_from_the_schema_it_is_shipped(tmp_path):
    """The judge's files as the bundle ships them, alone in a folder: its results module finds the schema."""
    judge_files = build_bundle(Exercise.load(ROOT / "exercise"))["judge_files"]
    for name, text in judge_files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    done = subprocess.run([sys.executable, "-I", "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                           "from runner.judge import results; print(results.__file__, results.VERSION)", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    where, version = done.stdout.split()
    assert where.startswith(str(tmp_path)) and int(version) == SCHEMA["properties"]["version"]["const"]


def test_check_prints_nothing_and_returns_the_results_the_document_and_the_messages(tmp_path, capsys):
    missing = tmp_path / "absent.py"
    heard, graded = [], []
    outcome = check(CheckRequest(files=(str(ROOT / "exercise" / "reference_solution.py"), str(missing)),
                                 isolation="none", format="json"),
                    on_message=heard.append, on_graded=lambda *args: graded.append(args))
    assert capsys.readouterr() == ("", "")
    assert outcome.exit_code == EXIT_BAD_INPUT  # a refused file, though the other passed
    assert outcome.messages == heard == [f"error: {missing}: no such file", NO_SANDBOX_WARNING]
    passed, refused = outcome.results
    assert passed["status"] == "pass" and refused["kind"] == "refused" and refused["file"] == str(missing)
    for document in outcome.results:
        jsonschema.validate(document, SCHEMA)
    assert outcome.document == outcome.results
    assert [(done, total) for _results, done, total in graded] == [(1, 1)]
