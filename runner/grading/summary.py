"""The summary `check --summary` writes: one row per hand-in, one column per test, as CSV or JSON. Written
to a new file renamed into place, so a link planted at the path is replaced, never followed (issue 27); in
the CSV, a cell that starts like a formula is neutralised (OWASP's CSV-injection rule)."""
import csv
import io
import json
import os
import tempfile
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def summary_rows(everything):
    tests = []
    for results in everything:
        for test in results["tests"]:
            if test["test"] not in tests:
                tests.append(test["test"])
    rows = []
    for results in everything:
        by_test = {t["test"]: ("timeout" if t.get("kind") == "timeout" else t["status"]) for t in results["tests"]}
        regrade = results.get("regrade") or {}
        seeds = results.get("seeds") or [results.get("seed")]
        rows.append({"file": results["file"], "status": results["status"],
                     "seed": " ".join(str(seed) for seed in seeds if seed is not None),
                     "passed": sum(1 for t in results["tests"] if t["status"] == "pass"),
                     "total": len(results["tests"]),
                     "score": results.get("score", 0), "max_score": results.get("max_score", 0),
                     **{name: by_test.get(name, "not run") for name in tests},
                     "differs_from_what_student_saw": bool(regrade.get("differences")),
                     "notes": "; ".join([*regrade.get("notes", []), *([results["message"]] if results.get("kind") == "refused" else [])])})
    return rows


def spreadsheet_cell(value):
    """A CSV cell no spreadsheet reads as a formula: text that starts with = + - @ tab or CR gets a ' first;
    lone surrogates (a file name that is not UTF-8) are written as escapes."""
    if not isinstance(value, str):
        return value
    value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_summary(everything, path):
    rows = summary_rows(everything)
    if str(path).endswith(".json"):
        text = json.dumps(rows, indent=1)
    else:
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["file"])
        writer.writeheader()
        writer.writerows({key: spreadsheet_cell(value) for key, value in row.items()} for row in rows)
        text = out.getvalue()
    write_replacing(path, text)


def write_replacing(path, text):
    """Write `text` to a new file beside `path`, then rename it to `path`: whatever stood there (a file, or a
    symbolic link planted to make the grader overwrite what it points to) is replaced, never written through."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
