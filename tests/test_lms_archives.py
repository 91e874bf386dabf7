"""LMS archives in (issue 30): the zip Canvas or Moodle exports, and a folder of it, graded with each
student's name and id; and archives built to attack the reading (runner/grading/lms_archive.py)."""
import io
import json
import stat
import subprocess
import sys
import zipfile

import pytest

from helpers import ROOT
from runner.grading.handin_files import Refused
from runner.grading.lms_archive import hand_ins_in_zip, student_of

REFERENCE = (ROOT / "exercise" / "reference_solution.py").read_bytes()
WRONG = (ROOT / "exercise" / "wrong_solutions" / "ge_mask.py").read_bytes()


def make_zip(path, members):
    """members: [(name, bytes)] or [(ZipInfo, bytes)]."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def check(*args):
    done = subprocess.run([sys.executable, "-m", "runner", "check", "--json", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    return (json.loads(done.stdout) if done.stdout else None), done


def test_names_the_lms_gave_the_files():
    assert student_of("doejane_12345_67890_solution.py") == {"student": "doejane", "student_id": "12345", "lms": "canvas"}
    assert student_of("doejane_LATE_12345_67890_relu.py")["late"] is True
    assert student_of("Jane Doe_123456_assignsubmission_file_/solution.py") == {
        "student": "Jane Doe", "student_id": "123456", "lms": "moodle"}
    assert student_of("solution.py") == {}


def test_a_canvas_archive_is_graded_with_names_ids_and_the_summary(tmp_path):
    archive = make_zip(tmp_path / "submissions.zip", [
        ("doejane_12345_67890_solution.py", REFERENCE),
        ("roesmith_LATE_23456_78901_solution-1.py", WRONG),
        ("notes.txt", b"ignored"),
    ])
    summary = tmp_path / "grades.csv"
    results, done = check(archive, "--summary", summary)
    assert done.returncode == 1, done.stderr
    assert [(r["student"], r["student_id"], r["status"], r.get("late")) for r in results] == [
        ("doejane", "12345", "pass", None), ("roesmith", "23456", "fail", True)]
    assert results[0]["file"] == f"{archive}:doejane_12345_67890_solution.py"
    rows = summary.read_text().splitlines()
    assert rows[0].startswith("file,student,student_id,status") and ",doejane,12345,pass," in rows[1]


def test_a_moodle_folder_is_graded_with_names_and_ids(tmp_path):
    folder = tmp_path / "moodle"
    for name, data in [("Jane Doe_123456_assignsubmission_file_", REFERENCE), ("Sam Roe_234567_assignsubmission_file_", WRONG)]:
        (folder / name).mkdir(parents=True)
        (folder / name / "solution.py").write_bytes(data)
    results, done = check(folder)
    assert [(r["student"], r["student_id"], r["lms"], r["status"]) for r in results] == [
        ("Jane Doe", "123456", "moodle", "pass"), ("Sam Roe", "234567", "moodle", "fail")]


def _link_member(name, target):
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


@pytest.mark.parametrize("member, why", [
    (("../escape_1_2_solution.py", REFERENCE), "leaves the archive"),
    (("/etc/abs_1_2_solution.py", REFERENCE), "absolute path"),
    (("C:\\\\x_1_2_solution.py", REFERENCE), "absolute path"),
    (_link_member("link_1_2_solution.py", "/etc/passwd"), "symbolic link"),
    (("big_1_2_solution.py", b"#" * (3 * 1024 * 1024)), "expands more than"),
    (("binary_1_2_solution.py", b"\x89PNG\0\0"), "binary data"),
    (("latin_1_2_solution.py", b"# caf\xe9\n"), "not UTF-8"),
])
def test_attacks_on_the_unpacking_are_refused_one_by_one(tmp_path, member, why):
    archive = make_zip(tmp_path / "attack.zip", [member, ("honest_9_9_solution.py", REFERENCE)])
    found, refused = hand_ins_in_zip(archive)
    assert [name for name, *_ in found] == ["honest_9_9_solution.py"]
    assert len(refused) == 1 and why in refused[0][1], refused
    assert not (tmp_path / "escape_1_2_solution.py").exists() and not (tmp_path.parent / "escape_1_2_solution.py").exists()


def test_a_member_that_lies_about_its_size_is_read_only_up_to_the_limit(tmp_path):
    path = make_zip(tmp_path / "lying.zip", [("big_1_2_solution.py", b"x = 1\n" * 400_000)])  # 2.4 MB
    data = bytearray(path.read_bytes())
    # shrink the size both headers claim to 10 bytes: the reader must not believe it
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.infolist()[0]
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    data[info.header_offset + 22:info.header_offset + 26] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    found, refused = hand_ins_in_zip(path)
    assert found == [] and len(refused) == 1


def test_duplicates_no_hand_in_and_not_a_zip(tmp_path):
    with zipfile.ZipFile(tmp_path / "dup.zip", "w") as archive:
        archive.writestr("a_1_2_solution.py", REFERENCE)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            archive.writestr("a_1_2_solution.py", WRONG)
    found, refused = hand_ins_in_zip(tmp_path / "dup.zip")
    assert len(found) == 1 and refused == [("a_1_2_solution.py", "appears twice in the archive",
                                            {"student": "a", "student_id": "1", "lms": "canvas"})]
    make_zip(tmp_path / "notes.zip", [("notes.txt", b"hi"), ("folder/", b"")])
    with pytest.raises(Refused, match="holds no .py file or submission .json"):
        hand_ins_in_zip(tmp_path / "notes.zip")
    (tmp_path / "fake.zip").write_bytes(b"not a zip")
    results, done = check(tmp_path / "fake.zip")
    assert done.returncode == 2 and "not a readable zip archive" in done.stderr


@pytest.mark.parametrize("layout, header, first", [
    ("canvas", "Student,ID,SIS User ID,SIS Login ID,Section,ReLU forward + backward", "Points Possible,,,,,5"),
    ("moodle", "Identifier,Full name,Grade,Maximum Grade,Feedback comments", None),
])
def test_gradebook_csvs_from_an_archive(tmp_path, layout, header, first):
    archive = make_zip(tmp_path / "submissions.zip", [
        ("doejane_12345_67890_solution.py", REFERENCE),
        ("=cmd_23456_78901_solution.py", WRONG),  # a name that starts like a spreadsheet formula
        ("nulbyte_34567_89012_solution.py", b"def relu(x):\x00\n"),  # refused: not graded, so no grade
    ])
    summary = tmp_path / "gradebook.csv"
    _results, done = check(archive, "--summary", summary, "--summary-layout", layout)
    rows = summary.read_text().splitlines()
    assert rows[0] == header, done.stderr
    if layout == "canvas":
        assert rows[1] == first and rows[2] == "doejane,12345,,,,5" and rows[3] == "'=cmd,23456,,,,4"
        assert rows[4] == "nulbyte,34567,,,,"
    else:
        import csv

        parsed = list(csv.reader(rows))
        assert parsed[1][:4] == ["Participant 12345", "doejane", "5", "5"]
        assert parsed[1][4].startswith("ReLU forward + backward: relu: output shape matches input: passed; ")
        assert parsed[2][:4] == ["Participant 23456", "'=cmd", "4", "5"] and "not passed" in parsed[2][4]
        assert parsed[3][:4] == ["Participant 34567", "nulbyte", "", "5"] and "not graded" in parsed[3][4]


def test_corrupt_compressed_data_is_a_refusal_not_a_crash_of_the_batch(tmp_path):
    """A member whose deflate stream is broken made zipfile raise zlib.error, which ended `check` with a
    traceback and left every other hand-in ungraded; and the same for thousands of random corruptions."""
    import random

    path = make_zip(tmp_path / "valid.zip", [("doejane_1_2_solution.py", REFERENCE), ("roe_3_4_solution.py", WRONG)])
    base = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        start = archive.infolist()[0].header_offset + 30 + len("doejane_1_2_solution.py")
    broken = bytearray(base)
    broken[start:start + 8] = b"\xff" * 8  # the first member's compressed data
    (tmp_path / "broken.zip").write_bytes(bytes(broken))
    found, refused = hand_ins_in_zip(tmp_path / "broken.zip")
    assert [name for name, *_ in found] == ["roe_3_4_solution.py"]
    assert refused[0][0] == "doejane_1_2_solution.py" and "cannot be read from the archive" in refused[0][1]
    results, done = check(tmp_path / "broken.zip")
    assert [r["status"] for r in results] == ["fail", "error"] and "Traceback" not in done.stderr  # graded, then refused
    rng = random.Random(7)
    for _ in range(1500):
        data = bytearray(base)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        (tmp_path / "fuzzed.zip").write_bytes(bytes(data))
        try:
            hand_ins_in_zip(tmp_path / "fuzzed.zip")
        except Refused:
            pass


GRADESCOPE_METADATA = b"""---
submission_111:
  :submitters:
  - :name: Jane Doe
    :sid: '123456'
    :email: jane@example.edu
  :created_at: 2026-12-01 10:00:00.000000000 -08:00
  :score: 5.0
submission_222:
  :submitters:
  - :name: "O'Brien, Sam \\u00e9"
    :sid: '234567'
  - :name: 'Ann ''Mac'' Lee'
    :sid: '345678'
  :score: 4.0
"""


def test_a_gradescope_export_is_graded_with_each_submissions_students(tmp_path):
    members = [("assignment_9_export/submission_metadata.yml", GRADESCOPE_METADATA),
               ("assignment_9_export/submission_111/solution.py", REFERENCE),
               ("assignment_9_export/submission_222/relu.py", WRONG),
               ("assignment_9_export/submission_333/solution.py", REFERENCE),  # not in the metadata: no name
               ("assignment_9_export/submission_111/notes.py", b"\x00")]  # refused, but says whose
    archive = make_zip(tmp_path / "gradescope.zip", members)
    results, done = check(archive)
    assert done.returncode == 2, done.stderr  # the refused member
    assert [(r.get("student"), r.get("student_id"), r.get("lms"), r["status"]) for r in results] == [
        ("Jane Doe", "123456", "gradescope", "pass"),
        ("O'Brien, Sam \u00e9 & Ann 'Mac' Lee", "234567,345678", "gradescope", "fail"),
        (None, None, None, "pass"), ("Jane Doe", "123456", "gradescope", "error")]
    folder = tmp_path / "unpacked"
    for name, data in members:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    unpacked, _ = check(folder)
    assert sorted(map(str, (r.get("student") for r in unpacked))) == sorted(map(str, (r.get("student") for r in results)))


def test_gradescope_metadata_that_is_too_large_or_not_understood_names_no_one_and_grades_all(tmp_path):
    from runner.grading import gradescope_roster

    for metadata in (b"submission_111:\n  :submitters:\n  - :name: x\n" + b"#" * (gradescope_roster.MAX_METADATA_BYTES + 1),
                     b"\xff\xfe{{{ not yaml at all", b"submission_111: [a, b]\n"):
        archive = make_zip(tmp_path / "gradescope.zip", [("export/submission_metadata.yml", metadata),
                                                         ("export/submission_111/solution.py", REFERENCE)])
        results, done = check(archive)
        assert done.returncode == 0 and results[0]["status"] == "pass" and "student" not in results[0], done.stderr
