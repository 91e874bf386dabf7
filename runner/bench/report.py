"""The benchmark's figures judged against their targets (a ratio to the baseline, to another figure of ours,
or a limit), and the tables `python -m runner bench` prints."""
import statistics

FLOOR_KEYS = ("cold_ms", "second_visit_ms", "throttled_ms", "first_visit_bytes")


class Target:
    """How a figure is judged: against the baseline's same figure (or `against`, another of its figures),
    against ours after one run (`self_key`), or against an absolute limit in ms."""

    def __init__(self, label, text, ratio=None, limit_ms=None, against=None, self_key=None, over=None):
        """over: (key, ms): the limit is ours for `key` plus `ms` (the figure is then also reported as a
        ratio to `self_key`)."""
        self.label, self.text, self.ratio, self.limit_ms = label, text, ratio, limit_ms
        self.against, self.self_key, self.over = against, self_key, over


TARGETS = {
    "editor_ms": Target("editor usable after navigation", "< 300 ms", limit_ms=300),
    "cold_ms": Target("cold: time to first result", "<= 0.5x", ratio=0.5),
    "second_visit_ms": Target("second visit: time to first result", "<= 0.5x", ratio=0.5),
    "throttled_ms": Target("20 Mbit/s, 40 ms: first result", "<= 0.7x", ratio=0.7),
    "rerun_ms": Target("re-run (median)", "<= 0.5x", ratio=0.5),
    "recovery_python_ms": Target("recovery: Python loop timed out", "< 500 ms", limit_ms=500),
    "recovery_c_ms": Target("recovery: C hang, worker replaced", "<= 1.0x baseline warm start", ratio=1.0,
                            against="second_visit_ms"),
    # Stop by interrupt on an isolated page (a second visit), against worker replacement (a first visit), in
    # the same run (issue 29); the figures time a Python loop stopped inside the page.
    "stop_ready_replace_ms": Target("Stop -> ready (worker replaced)", "-"),
    "stop_ready_ms": Target("Stop -> ready (interrupt, 2nd visit)", "<= 0.1x replaced", ratio=0.1,
                            self_key="stop_ready_replace_ms"),
    "run_during_replace_ms": Target("Run in a run -> results (replaced)", "-"),
    "run_during_ms": Target("Run in a run -> results (interrupt)", "< re-run + 0.2 s", self_key="run_during_replace_ms",
                            over=("rerun_ms", 200)),
    "first_visit_bytes": Target("bytes on the first visit", "<= 1.0x", ratio=1.0),
    "memory_1_bytes": Target("worker memory after 1 run", "-"),
    "memory_n_bytes": Target("worker memory after N runs", "<= 1.2x ours after 1 run", ratio=1.2,
                             self_key="memory_1_bytes"),
}


def _stats(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def summarize(figures):
    rows = {}
    for key, target in TARGETS.items():
        ours = [v for v in figures["ours"][key] if v is not None]
        if not ours:
            continue
        row = {"ours": _stats(ours), "target": target.text}
        base = [v for v in figures["baseline"][target.against or key] if v is not None]
        if base:
            row["baseline"] = _stats(base)
            row["ratio"] = row["ours"]["median"] / row["baseline"]["median"]
        if target.self_key and figures["ours"][target.self_key]:  # a ratio to ours, the baseline for reference
            row["ratio"] = row["ours"]["median"] / _stats(figures["ours"][target.self_key])["median"]
        if target.over and figures["ours"][target.over[0]]:
            row["meets_target"] = row["ours"]["median"] < _stats(figures["ours"][target.over[0]])["median"] + target.over[1]
        elif target.limit_ms is not None:
            row["meets_target"] = row["ours"]["median"] < target.limit_ms
        elif target.ratio is not None:
            row["meets_target"] = row.get("ratio", 9) <= target.ratio
        floor_rows = {variant: _stats(values) for variant, record in figures.items()
                      if variant.startswith("floor_") and key in FLOOR_KEYS and (values := record[key])}
        if floor_rows and "baseline" in row:
            row["floors"] = {variant: {**stats, "ratio": stats["median"] / row["baseline"]["median"]}
                             for variant, stats in floor_rows.items()}
        rows[key] = row
    return rows


def _fmt(key, stats):
    if key.endswith("_bytes"):
        return f"{stats['median'] / 1e6:.1f} MB ({stats['min'] / 1e6:.1f}-{stats['max'] / 1e6:.1f})"
    return f"{stats['median'] / 1000:.2f} s ({stats['min'] / 1000:.2f}-{stats['max'] / 1000:.2f})"


def table(rows):
    lines = [f"{'figure':36} {'ours':24} {'baseline':24} {'ratio':>6}  target", "-" * 110]
    for key, row in rows.items():
        base = _fmt(TARGETS[key].against or key, row["baseline"]) if "baseline" in row else "-"
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
        mark = "" if "meets_target" not in row else " (meets)" if row["meets_target"] else " (MISSES)"
        lines.append(f"{TARGETS[key].label:36} {_fmt(key, row['ours']):24} {base:24} {ratio:>6}  {row['target']}{mark}")
    return "\n".join(lines)


def floor_table(rows, floor_labels):
    """The floors' figures with their ratios to the baseline, beside ours and the target."""
    names = [name for name in floor_labels if any(name in row.get("floors", {}) for row in rows.values())]
    if not names:
        return ""
    lines = ["Floors: one interpreter started alone from the site's files (ratio to the baseline); a page that "
             "grades with it does at least this much",
             f"{'figure':36} " + " ".join(f"{floor_labels[name]:32}" for name in names) + f" {'ours':>6}  target",
             "-" * 110]
    for key, row in rows.items():
        if "floors" not in row:
            continue
        cells = [f"{_fmt(key, row['floors'][name])} {row['floors'][name]['ratio']:.2f}" if name in row["floors"]
                 else "-" for name in names]
        lines.append(f"{TARGETS[key].label:36} " + " ".join(f"{cell:32}" for cell in cells)
                     + f" {row['ratio']:6.2f}  {row['target']}")
    return "\n".join(lines)
