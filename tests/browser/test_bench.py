"""The benchmark's quick mode works end to end: both variants measured, every figure printed with a ratio.
(Figures are never asserted: speed lives in the benchmark, not in timed tests.)"""
import json
import subprocess
import sys

from browser_helpers import ROOT


def test_quick_benchmark_prints_every_figure_with_its_ratio(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, "-m", "runner", "bench", "--quick", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    for label in ("editor usable after navigation", "cold: time to first result",
                  "second visit: time to first result", "re-run (median)", "bytes on the first visit"):
        assert label in done.stdout
    report = json.loads(out.read_text())
    for key in ("cold_ms", "second_visit_ms", "rerun_ms", "first_visit_bytes"):
        assert report["figures"][key]["ratio"] > 0
        assert report["figures"][key]["baseline"]["median"] > 0
