"""The re-grade's throughput: `check --jobs N` over a folder of hand-ins (tests/submissions/ by default), files
per minute with and without the sandbox, in both engines, in the same run (issue 20's targets: the sandbox
costs at most 1.2x per file in CPython and 1.5x under Node). Variants alternate, so machine drift hits all."""
import statistics
import sys
import time
from pathlib import Path

from runner.grading.bulk import grade_files

TARGETS = {"cpython": 1.2, "pyodide": 1.5}
VARIANTS = [(engine, sandboxed) for engine in TARGETS for sandboxed in (False, True)]


def _inputs(folder, limit):
    paths = sorted(Path(folder).glob("*.py"))[:limit or None]
    return [(str(path), path.read_text(encoding="utf-8"), None) for path in paths]


def measure_bulk(exercise, folder, *, jobs=2, rounds=1, limit=0):
    """{(engine, sandboxed): [seconds of each round]} for grading every .py file in `folder`."""
    inputs = _inputs(folder, limit)
    seconds = {variant: [] for variant in VARIANTS}
    for round_index in range(rounds):
        order = VARIANTS if round_index % 2 == 0 else VARIANTS[::-1]
        for engine, sandboxed in order:
            started = time.perf_counter()
            grade_files(exercise, engine, inputs, jobs=jobs, isolation="sandbox" if sandboxed else "none")
            seconds[(engine, sandboxed)].append(time.perf_counter() - started)
            print(f"[bench] bulk {engine} {'sandboxed' if sandboxed else '--no-sandbox'}: "
                  f"{seconds[(engine, sandboxed)][-1]:.1f} s", file=sys.stderr)
    return len(inputs), seconds


def summarize_bulk(files, seconds):
    rows = {}
    for engine, target in TARGETS.items():
        plain, boxed = (statistics.median(seconds[(engine, sandboxed)]) for sandboxed in (False, True))
        rows[engine] = {"files": files, "unsandboxed_s": plain, "sandboxed_s": boxed,
                        "unsandboxed_per_min": 60 * files / plain, "sandboxed_per_min": 60 * files / boxed,
                        "ratio": boxed / plain, "target": target}
    return rows


def bulk_table(rows, jobs):
    lines = [f"Bulk re-grade (check --jobs {jobs}): files per minute, sandboxed against --no-sandbox",
             f"{'engine':10} {'files':>5} {'--no-sandbox':>14} {'sandboxed':>14} {'ratio':>6}  target"]
    for engine, row in rows.items():
        met = "met" if row["ratio"] <= row["target"] else "not met"
        lines.append(f"{engine:10} {row['files']:5d} {row['unsandboxed_per_min']:8.0f} /min {row['sandboxed_per_min']:8.0f}"
                     f" /min {row['ratio']:6.2f}  <= {row['target']} ({met})")
    return "\n".join(lines)
