"""The self-hosted Pyodide: every served file matches its recorded hash, the lock lists only what is needed,
and assembling again is a no-op."""
import json
import time

from runner import pyodide_dist


def test_every_file_matches_the_manifest_and_the_official_lock():
    out = pyodide_dist.assemble()
    assert pyodide_dist.verify(out)
    official = json.loads((pyodide_dist.NPM_DIR / "pyodide-lock.json").read_text())["packages"]
    served = json.loads((out / "pyodide-lock.json").read_text())["packages"]
    assert sorted(served) == ["iniconfig", "numpy", "packaging", "pluggy", "pytest"]
    for name in ("numpy", "packaging"):
        assert served[name]["sha256"] == official[name]["sha256"]
        assert pyodide_dist.sha256(out / served[name]["file_name"]) == official[name]["sha256"]
    for entry in served.values():
        assert pyodide_dist.sha256(out / entry["file_name"]) == entry["sha256"]


def test_assembling_again_is_fast_and_changes_nothing():
    out = pyodide_dist.assemble()
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    started = time.perf_counter()
    pyodide_dist.assemble()
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    assert time.perf_counter() - started < 5
