"""The re-grade's throughput: `check --jobs N` over a folder of hand-ins (tests/submissions/ by default), files
per minute with and without the sandbox, in both engines, in the same run (issue 20's targets: the sandbox
costs at most 1.2x per file in CPython and 1.5x under Node), and CPython's `--isolation user` where this runs
as root (issue 35: what a uid of its own, and removing everything it left, cost). Variants alternate, so
machine drift hits all."""
import statistics
import sys
import time
from pathlib import Path

from runner.grading.bulk import grade_files

TARGETS = {"cpython": 1.2, "pyodide": 1.5}
VARIANTS = [(engine, isolation) for engine in TARGETS for isolation in ("none", "sandbox")]
SHOWN = {"none": "--no-sandbox", "sandbox": "sandboxed", "user": "--isolation user"}


def variants():
    """(engine, isolation) pairs measured here: --isolation user where it can start (root, and a Python every
    user may run: runner/isolation/unprivileged.py says why not, on stderr)."""
    from runner.isolation.unprivileged import IsolationUnavailable, ensure_available

    try:
        ensure_available()
    except IsolationUnavailable as error:
        print(f"[bench] bulk: --isolation user left out: {error}", file=sys.stderr)
        return VARIANTS
    return VARIANTS + [("cpython", "user")]


def _inputs(folder, limit):
    paths = sorted(Path(folder).glob("*.py"))[:limit or None]
    return [(str(path), path.read_text(encoding="utf-8"), None) for path in paths]


def measure_bulk(exercise, folder, *, jobs=2, rounds=1, limit=0):
    """{(engine, isolation): [seconds of each round]} for grading every .py file in `folder`."""
    inputs = _inputs(folder, limit)
    measured = variants()
    seconds = {variant: [] for variant in measured}
    for round_index in range(rounds):
        for engine, isolation in measured if round_index % 2 == 0 else measured[::-1]:
            started = time.perf_counter()
            grade_files(exercise, engine, inputs, jobs=jobs, isolation=isolation)
            seconds[(engine, isolation)].append(time.perf_counter() - started)
            print(f"[bench] bulk {engine} {SHOWN[isolation]}: {seconds[(engine, isolation)][-1]:.1f} s",
                  file=sys.stderr)
    return len(inputs), seconds


def summarize_bulk(files, seconds):
    rows = {}
    for engine, target in TARGETS.items():
        plain, boxed = (statistics.median(seconds[(engine, isolation)]) for isolation in ("none", "sandbox"))
        rows[engine] = {"files": files, "unsandboxed_s": plain, "sandboxed_s": boxed,
                        "unsandboxed_per_min": 60 * files / plain, "sandboxed_per_min": 60 * files / boxed,
                        "ratio": boxed / plain, "target": target}
        if (engine, "user") in seconds:
            user = statistics.median(seconds[(engine, "user")])
            rows[engine].update(user_s=user, user_per_min=60 * files / user, user_ratio=user / plain)
    return rows


def bulk_table(rows, jobs):
    user = any("user_ratio" in row for row in rows.values())
    lines = [f"Bulk re-grade (check --jobs {jobs}): files per minute, each isolation against --no-sandbox",
             f"{'engine':10} {'files':>5} {'--no-sandbox':>14} {'sandboxed':>14} {'ratio':>6}  target"
             + (f"{'':14} {'--isolation user':>16} {'ratio':>6}" if user else "")]
    for engine, row in rows.items():
        met = "met" if row["ratio"] <= row["target"] else "not met"
        target = f"<= {row['target']} ({met})"
        line = (f"{engine:10} {row['files']:5d} {row['unsandboxed_per_min']:8.0f} /min {row['sandboxed_per_min']:8.0f}"
                f" /min {row['ratio']:6.2f}  {target:20}")
        if "user_ratio" in row:
            line += f" {row['user_per_min']:11.0f} /min {row['user_ratio']:6.2f}"
        lines.append(line.rstrip())
    return "\n".join(lines)
