"""What `check` does with what a hand-in is and sends (issue 27): a hostile file's name, type, size, printed
text and submission fields never crash it, never reach the instructor's terminal as commands, never cost
another file its verdict or the summary, and never make it write through a planted link."""
import csv
import json
import os
import subprocess
import sys

import pytest

from helpers import ROOT, assert_valid_results
from runner.grading.summary import spreadsheet_cell
from runner.grading.terminal_text import safe_text
from runner.grading.submission import code_hash

LEAKY = (ROOT / "exercise" / "wrong_solutions" / "leaky.py").read_text()
TERMINAL_COMMANDS = (ROOT / "tests" / "attacks" / "prints_terminal_commands.py").read_text()
# What a terminal acts on: ESC, BEL, CR, the one-byte CSI, bidirectional overrides; and lone surrogates
UNSAFE = ["\x1b", "\x07", "\r", "\x9b", "\u202e"]


def check(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "runner", "check", *map(str, args)], cwd=cwd,
                          capture_output=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})


def honest(folder, name):
    path = folder / name
    path.write_text(LEAKY)
    return path


def test_printed_commands_and_file_names_reach_the_terminal_as_text(tmp_path):
    evil_name = "evil\nzz_reference.py: PASS\x1b[2A\x1b]0;title\x07.py"
    files = [tmp_path / "prints.py", tmp_path / evil_name, tmp_path / os.fsdecode(b"caf\xe9-latin1-name.py")]
    for path in files:
        path.write_text(TERMINAL_COMMANDS)
    files.append(honest(tmp_path, "zz_honest.py"))
    done = check(*files, "--jobs", "2", "--summary", tmp_path / "grades.csv")
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # valid UTF-8: no lone surrogate
    assert done.returncode == 1, err
    for text in (out, err):
        for character in UNSAFE:
            assert character not in text, repr(character)
    assert "\\x1b]0;graded: PASS\\x07" in out  # shown, escaped
    headers = [line for line in out.splitlines() if not line.startswith(" ")]
    assert len(headers) == 4  # one line per file: the newline in a name starts no line of its own
    assert "evil\\nzz_reference.py: PASS\\x1b[2A" in headers[1]
    assert "\\udce9-latin1-name.py" in out
    rows = list(csv.DictReader(open(tmp_path / "grades.csv", encoding="utf-8")))
    assert len(rows) == 4 and rows[-1]["status"] == "fail"


def test_the_json_output_stays_exact(tmp_path):
    path = tmp_path / "prints.py"
    path.write_text(TERMINAL_COMMANDS)
    [results] = json.loads(check(path, "--json").stdout)
    assert "\x1b]0;graded: PASS\x07" in results["tests"][0]["output"]
    assert_valid_results(results)


def test_safe_text_shows_controls_and_cuts_long_lines():
    assert safe_text("a\x1bb\rc\td\ne\ud800") == "a\\x1bb\\x0dc\td\ne\\ud800"
    assert safe_text("x" * 5000).endswith("[... 4000 more characters]")


def make_fifo(folder):
    os.mkfifo(folder / "pipe.py")
    return folder / "pipe.py", "FIFO"


def make_device(folder):
    os.mknod(folder / "zero.py", 0o600 | 0o020000, os.makedev(1, 5))  # a character device, like /dev/zero
    return folder / "zero.py", "character device"


@pytest.mark.parametrize("make", [
    lambda folder: ((folder / "link.py").symlink_to(ROOT / "exercise" / "reference_solution.py"),
                    (folder / "link.py", "symbolic link"))[1],
    lambda folder: ((folder / "key.py").symlink_to(folder.parent / "private_key"), (folder / "key.py", "symbolic link"))[1],
    lambda folder: ((folder / "zero.py").symlink_to("/dev/zero"), (folder / "zero.py", "symbolic link"))[1],
    make_fifo,
    make_device,
    lambda folder: ((folder / "huge.py").write_text("#" * (3 << 20)), (folder / "huge.py", "more than"))[1],
    lambda folder: ((folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000),
                    (folder / "deep.json", "nested too deeply"))[1],
    lambda folder: ((folder / "code.json").write_text('{"format": "exercise-submission", "code": 5}'),
                    (folder / "code.json", "not a submission file"))[1],
], ids=["link-to-reference", "link-to-private", "link-to-dev-zero", "fifo", "device", "too-large", "deep-json",
        "code-not-text"])
def test_a_file_that_is_not_what_it_claims_is_refused_and_the_others_are_graded(tmp_path, make):
    folder = tmp_path / "handins"
    folder.mkdir()
    (tmp_path / "private_key").write_text("SECRET-FIRST-LINE = 1\n")
    path, reason = make(folder)
    after = honest(folder, "zz_honest.py")
    done = check(path, after, "--json", "--summary", tmp_path / "grades.csv")
    refused, graded = json.loads(done.stdout)
    assert done.returncode == 2
    assert reason in done.stderr.decode() and len(done.stderr.decode().strip().splitlines()) == 1
    assert refused["kind"] == "refused" and refused["tests"] == [] and reason in refused["message"]
    assert graded["status"] == "fail" and [t["status"] for t in graded["tests"]].count("fail") == 4
    assert_valid_results(refused)
    assert b"SECRET-FIRST-LINE" not in done.stdout + done.stderr
    rows = list(csv.DictReader(open(tmp_path / "grades.csv")))
    assert [row["status"] for row in rows] == ["error", "fail"] and reason in rows[0]["notes"]


def test_a_submission_whose_fields_have_the_wrong_types_is_graded(tmp_path):
    code = (ROOT / "exercise" / "reference_solution.py").read_text()
    odd = {"format": "exercise-submission", "code": code, "code_sha256": code_hash(code), "exercise": ["relu"],
           "results": {"status": 5, "seed": "7", "tests": [1, None, {"test": ["x"], "status": {}}]},
           "runtime": [{"engine": "x" * 10_000}]}
    (tmp_path / "odd.json").write_text(json.dumps(odd))
    [results] = json.loads(check(tmp_path / "odd.json", "--json").stdout)
    assert results["status"] == "pass" and results["regrade"]["differences"] == []
    assert results["regrade"]["seen_runtime"] is None and results["regrade"]["seen_seed"] is None


def test_a_planted_summary_link_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("the instructor's notes")
    summary = tmp_path / "grades.csv"
    summary.symlink_to(victim)
    check(honest(tmp_path, "a.py"), "--summary", summary)
    assert victim.read_text() == "the instructor's notes"
    assert not summary.is_symlink() and "a.py" in summary.read_text()


def test_spreadsheet_formulas_in_cells_are_neutralised(tmp_path):
    for value in ("=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_cell(value) == "'" + value
    assert spreadsheet_cell("alice.py") == "alice.py" and spreadsheet_cell(5) == 5
    path = honest(tmp_path, "=cmd|' -c calc'!A0.py")
    check(path.name, "--summary", "grades.csv", cwd=tmp_path)  # graded from the hand-ins' folder
    [row] = list(csv.DictReader(open(tmp_path / "grades.csv")))
    assert row["file"].startswith("'=")
