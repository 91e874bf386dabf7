"""Submission files: what a student downloads from the page (their code, the results they saw, the exercise
and runtime versions, a hash of the code). Not tamper-proof: a student can edit the file; a re-grade is
what counts, and `check` says where it differs from what the student saw."""
import hashlib
import re

FORMAT = "exercise-submission"


def code_hash(code):
    """The SHA-256 the page computes (TextEncoder, which writes a lone surrogate as U+FFFD)."""
    return hashlib.sha256(re.sub("[\ud800-\udfff]", "\ufffd", code).encode("utf-8")).hexdigest()


def compare(submission, results, exercise):
    """What the re-grade says beside what the student saw, as a dict added to the results; `submission` is as
    runner/grading/handin_files.py's parse_submission checked it. The re-grade draws
    its own data (a fresh seed, never the file's): a difference means the code gives other answers on other
    data, which a solution that is right only on some data does, so the notes say which data each run had."""
    notes = []
    seen_results = submission.get("results") if isinstance(submission.get("results"), dict) else {}
    seen_seed = seen_results.get("seed")
    regrade_seeds = results.get("seeds") or [results.get("seed")]
    notes.append(f"re-graded on fresh data (seed {', '.join(map(str, regrade_seeds))}), not the student's "
                 + (f"(seed {seen_seed})" if type(seen_seed) is int else "(the file names no seed)")
                 + ": where verdicts differ, the code gives other answers on other data")
    claimed = submission.get("exercise") or {}
    if claimed.get("id") not in (None, exercise.id):
        notes.append(f"made for exercise {claimed.get('id')!r}, graded as {exercise.id!r}")
    if claimed.get("version") not in (None, exercise.version):
        notes.append(f"made for version {claimed.get('version')}, graded with {exercise.version}")
    hash_ok = submission.get("code_sha256") == code_hash(submission["code"])
    if not hash_ok:
        notes.append("the code's hash does not match the code (the file was edited after download)")
    seen = {t.get("test") or t.get("name"): t["status"] for t in (seen_results.get("tests") or [])
            if (t.get("test") or t.get("name")) and t.get("status")}
    differences = []
    for test in results["tests"]:
        before = seen.get(test["test"], seen.get(test["name"]))
        if before is not None and before != test["status"]:
            differences.append({"test": test["test"], "seen": before, "regraded": test["status"]})
    if seen and not differences and seen_results.get("status") != results["status"]:
        differences.append({"test": None, "seen": seen_results.get("status"), "regraded": results["status"]})
    return {"code_sha256_ok": hash_ok, "differences": differences, "notes": notes,
            "seen_runtime": submission.get("runtime"), "seen_seed": seen_seed if type(seen_seed) is int else None}
