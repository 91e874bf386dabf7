"""What `check` shows on a terminal while it grades: each file's readable report (stdout) and, for several
files, a progress bar (stderr). Whatever came from a hand-in is shown made safe (terminal_text.py)."""
import sys

from runner.grading.terminal_text import safe_name, safe_text

MARKS = {"pass": "PASS", "fail": "FAIL", "error": "ERROR"}


def format_report(results):
    """A readable per-test report of one results dict, safe to print: what a hand-in sent is shown as text."""
    seeds = results.get("seeds") or [results.get("seed")]
    lines = [f"{safe_name(results['file'])}: {results['status'].upper()}: {safe_text(results.get('message') or '')} "
             f"(data seed{'s' if len(seeds) > 1 else ''} {','.join(map(str, seeds))})"]
    regrade = results.get("regrade")
    if regrade:
        for note in regrade["notes"]:
            lines.append(f"  NOTE    {safe_text(note)}")
        for difference in regrade["differences"]:
            lines.append(f"  DIFFERS {difference['test'] or 'overall'}: the student saw {difference['seen']}, "
                         f"the re-grade says {difference['regraded']}")
    for test in results["tests"]:
        mark = "TIMEOUT" if test.get("kind") == "timeout" else MARKS[test["status"]]
        lines.append(f"  {mark:7} {test['name']}" + (f" (on seed {test['seed']})" if "seed" in test else ""))
        if test["status"] != "pass":
            for text in (test.get("message"), test.get("traceback"), test.get("output") and
                         "printed:\n" + test["output"], test.get("hint") and "hint: " + test["hint"]):
                if text:
                    lines.extend("          " + line for line in safe_text(text).split("\n")[:12])
    return "\n".join(lines)


def draw_progress(name, done, total, out=None):
    """`[####......] 4/10 file.py` on stderr, redrawn in place on a terminal; nothing for a single file."""
    out = out or sys.stderr
    if total <= 1:
        return
    tty = out.isatty()
    filled = round(20 * done / total)
    line = f"[{'#' * filled}{'.' * (20 - filled)}] {done}/{total} {safe_name(name)}"
    end = "\n" if done == total or not tty else ""
    print(("\r" if tty else "") + line[:120].ljust(120 if tty else 0), end=end, file=out, flush=True)
