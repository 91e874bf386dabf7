"""The self-hosted Pyodide: every served file matches its recorded hash and derives from a verified
original, the archives hold bytecode split into up front and on demand, the lock lists only what is needed,
and assembling again is a no-op."""
import json
import shutil
import time
import zipfile

from runner.assembly import pyodide_dist
from runner.engines.node_engine import PyodideNodeEngine

ARCHIVES = ["python_stdlib.zip", "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl", "packaging-24.2-py3-none-any.whl",
            "pytest-8.3.5-py3-none-any.whl", "pluggy-1.5.0-py3-none-any.whl", "iniconfig-2.0.0-py3-none-any.whl"]


def test_every_file_matches_the_manifest_and_derives_from_a_verified_original():
    out = pyodide_dist.assemble()
    assert pyodide_dist.verify(out)
    official = json.loads((pyodide_dist.NPM_DIR / "pyodide-lock.json").read_text())["packages"]
    served = json.loads((out / "pyodide-lock.json").read_text())["packages"]
    derived = json.loads((out / "derived.json").read_text())
    assert sorted(served) == ["iniconfig", "numpy", "packaging", "pluggy", "pytest"]
    assert sorted(derived) == sorted(ARCHIVES)
    for name in ("numpy", "packaging"):
        assert derived[served[name]["file_name"]]["from_sha256"] == official[name]["sha256"]
    assert derived["python_stdlib.zip"]["from_sha256"] == pyodide_dist.sha256(pyodide_dist.NPM_DIR / "python_stdlib.zip")
    for requirement, expected in pyodide_dist.pinned_wheels():
        assert derived[served[requirement.split("==")[0]]["file_name"]]["from_sha256"] == expected
    for entry in served.values():
        assert pyodide_dist.sha256(out / entry["file_name"]) == entry["sha256"] == derived[entry["file_name"]]["sha256"]
    for name in pyodide_dist.CORE_FILES[:3]:
        assert pyodide_dist.sha256(out / name) == pyodide_dist.sha256(pyodide_dist.NPM_DIR / name)


def test_archives_hold_bytecode_and_the_rest_index_matches_its_archive():
    out = pyodide_dist.assemble()
    for name in ARCHIVES:
        names = zipfile.ZipFile(out / name).namelist()
        assert not [n for n in names if n.endswith(".py")], name
        # packaging is needed only if pytest checks a minversion: all of it waits in the rest archive
        assert any(n.endswith(".pyc") for n in names) or name.startswith("packaging-"), name
    index = json.loads((out / pyodide_dist.REST_INDEX).read_text())
    assert index["sha256"] == pyodide_dist.sha256(out / index["archive"])
    rest = set(zipfile.ZipFile(out / index["archive"]).namelist())
    assert set(index["modules"].values()) <= rest
    assert "xml.dom.minidom" in index["modules"] and "numpy.f2py" in index["modules"]
    served_stdlib = set(zipfile.ZipFile(out / "python_stdlib.zip").namelist())
    assert "json/__init__.pyc" in served_stdlib and "json/__init__.pyc" not in {p.removeprefix("lib/python3.12/") for p in rest}
    assert not served_stdlib & {p.removeprefix("lib/python3.12/") for p in rest}


def test_grading_needs_nothing_from_the_rest_archive(exercise, tmp_path):
    # Without python_rest.zip, any import that reached for it would fail: the reference still passes.
    out = pyodide_dist.assemble()
    trimmed = tmp_path / "pyodide"
    shutil.copytree(out, trimmed, ignore=shutil.ignore_patterns(pyodide_dist.REST_ARCHIVE))
    engine = PyodideNodeEngine(exercise, pyodide_dir=trimmed)
    try:
        missing = engine.grade("import xml.dom.minidom\n" + exercise.path("reference").read_text())
        assert missing["status"] == "error" and "python_rest.zip" in missing["message"], missing["message"]
        assert engine.grade(exercise.path("reference").read_text())["status"] == "pass"
    finally:
        engine.close()


def test_assembling_again_is_fast_and_changes_nothing():
    out = pyodide_dist.assemble()
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    started = time.perf_counter()
    pyodide_dist.assemble()
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    assert time.perf_counter() - started < 5
