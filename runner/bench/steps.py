"""The track's steps on the page, side by side (issue 36): each step's first result on a cold visit and its re-run
in Chromium, against ReLU's in the same run (target: within 5%), and each step's slowest test as the judge timed
it in the page's Pyodide (the capstone's training: at most 3 s). Steps alternate in each round, so drift on the
machine hits all alike."""
import json
import statistics
import sys
from pathlib import Path
import tempfile
import threading

from runner.bench.measure import Visit
from runner.bench.sites import pages_like_server
from runner.browsers.chromium import fresh_profile
from runner.site.build_track import build_track

TARGET = 1.05  # a step's figure against ReLU's
TRAINING_LIMIT_MS = 3000


def measure_steps(track, *, runs, reruns):
    """{slug: {"cold_ms": [...], "rerun_ms": [...], "slowest_test_ms": [...]}} over `runs` cold visits each."""
    from playwright.sync_api import sync_playwright

    figures = {step.slug: {"cold_ms": [], "rerun_ms": [], "slowest_test_ms": []} for step in track.steps}
    with tempfile.TemporaryDirectory(prefix="bench-steps-") as root:
        build_track(track, root)
        server = pages_like_server(root)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with sync_playwright() as playwright:
                for index in range(runs):
                    steps = track.steps if index % 2 == 0 else track.steps[::-1]
                    for step in steps:
                        record = figures[step.slug]
                        reference = step.exercise.path("reference").read_text(encoding="utf-8")
                        with fresh_profile(playwright) as context:
                            visit = Visit(context, f"{origin}/{step.slug}/", "ours", reference)
                            record["cold_ms"].append(visit.first_result_ms())
                            record["slowest_test_ms"].append(visit.slowest_test_ms())
                            record["rerun_ms"].extend(visit.rerun_ms() for _ in range(reruns))
                            visit.page.close()
                        print(f"[bench] steps {index + 1}/{runs} {step.slug}: cold {record['cold_ms'][-1] / 1000:.2f} s",
                              file=sys.stderr)
        finally:
            server.shutdown()
    return figures


def summarize_steps(figures, baseline="relu"):
    """Per step: the medians and their ratios to `baseline`'s."""
    medians = {slug: {key: statistics.median(values) for key, values in record.items() if values}
               for slug, record in figures.items()}
    base = medians[baseline]
    return {slug: {**row, "cold_ratio": row["cold_ms"] / base["cold_ms"], "rerun_ratio": row["rerun_ms"] / base["rerun_ms"]}
            for slug, row in medians.items()}


def steps_table(rows, baseline="relu"):
    lines = [f"The track's steps on the page (Chromium), against {baseline}'s (target: within {TARGET - 1:.0%})",
             f"{'step':10} {'cold first result':>18} {'ratio':>6} {'re-run':>10} {'ratio':>6} {'slowest test':>13}"]
    for slug, row in rows.items():
        lines.append(f"{slug:10} {row['cold_ms'] / 1000:16.2f} s {row['cold_ratio']:6.2f} {row['rerun_ms']:8.0f} ms"
                     f" {row['rerun_ratio']:6.2f} {row['slowest_test_ms']:10.0f} ms")
    return "\n".join(lines)


def run_steps_benchmark(track, *, runs, reruns, out):
    """Measure, print the table, write the report (JSON) to `out`; returns the rows."""
    rows = summarize_steps(measure_steps(track, runs=runs, reruns=reruns))
    print(steps_table(rows))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps({"runs": runs, "reruns": reruns, "steps": rows}, indent=1))
    print(f"written {out}")
    return rows
