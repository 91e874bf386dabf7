"""One student's files never stop the class (issue 35): limits in an LMS archive apply to each student, what is
not a hand-in is neither read nor counted, and the archive's caps grade what fit and name every student they
left out (runner/grading/archive_limits.py, runner/grading/lms_archive.py). The archive is only read here,
never graded, but for one run that shows the summary an instructor gets."""
import csv
import zipfile

import pytest

from helpers import ROOT
from runner.grading import archive_limits
from runner.grading.archive_limits import Member, read_class
from runner.grading.handin_files import MAX_SUBMISSION_BYTES, Refused
from runner.grading.lms_archive import hand_ins, hand_ins_in_zip

REFERENCE = (ROOT / "exercise" / "reference_solution.py").read_bytes()
WRONG = (ROOT / "exercise" / "wrong_solutions" / "ge_mask.py").read_bytes()
CLASSMATES = [("doejane_12345_67890_solution.py", REFERENCE), ("roesmith_23456_78901_solution.py", WRONG)]


def make_zip(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


@pytest.fixture
def opened(monkeypatch):
    """The names of the members the reader decompresses."""
    names, open_member = [], zipfile.ZipFile.open

    def spy(archive, member, mode="r", *args, **kwargs):
        if mode == "r":
            names.append(member.filename if isinstance(member, zipfile.ZipInfo) else member)
        return open_member(archive, member, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return names


def graded_and_refused(path):
    """({student: source} graded, [(file, why, student)] refused) as `check` would read `path`."""
    graded, refused = {}, []
    for file, source, _submission, student in hand_ins([path]):
        if isinstance(source, Refused):
            refused.append((file, str(source), student.get("student")))
        else:
            graded[student.get("student")] = source
    return graded, refused


def test_26_large_json_files_from_one_student_refuse_that_student_alone(tmp_path, opened):
    """26 submission-sized .json files, each within the limit of one file, passed the archive's 200 MB cap
    together and made `check` refuse the whole archive."""
    large = b" " * (MAX_SUBMISSION_BYTES - 1000)
    archive = make_zip(tmp_path / "class.zip", CLASSMATES + [(f"mallory_66666_77777_run{i:02}.json", large)
                                                            for i in range(26)], zipfile.ZIP_STORED)
    graded, refused = graded_and_refused(archive)
    assert graded == {"doejane": REFERENCE.decode(), "roesmith": WRONG.decode()}
    assert refused == [(f"{archive}:mallory_66666_77777_run00.json", "this student's hand-in is 26 files, more than "
                        "the 20 one student may hand in: none of them is graded", "mallory")]
    assert not [name for name in opened if name.startswith("mallory")]  # refused before a byte was read


def test_5000_tiny_files_from_one_student_refuse_that_student_alone(tmp_path, opened):
    """5,000 one-line .py files from one student passed the archive's cap of 5,000 members."""
    archive = make_zip(tmp_path / "class.zip", CLASSMATES[:1] + [(f"mallory_66666_77777_f{i}.py", b"x = 1\n")
                                                                for i in range(5000)] + CLASSMATES[1:])
    graded, refused = graded_and_refused(archive)
    assert graded == {"doejane": REFERENCE.decode(), "roesmith": WRONG.decode()}
    assert len(refused) == 1 and refused[0][2] == "mallory" and "is 5000 files, more than the 20" in refused[0][1]
    assert not [name for name in opened if name.startswith("mallory")]


def test_a_student_whose_files_pass_the_bytes_of_one_student_is_refused_alone(tmp_path, opened):
    large = b" " * (7 * 1024 * 1024)  # within a submission's 8 MB; three of them are more than a student's 16
    archive = make_zip(tmp_path / "class.zip", CLASSMATES + [(f"mallory_66666_77777_run{i}.json", large)
                                                            for i in range(3)], zipfile.ZIP_STORED)
    graded, refused = graded_and_refused(archive)
    assert set(graded) == {"doejane", "roesmith"}
    assert refused == [(f"{archive}:mallory_66666_77777_run0.json", f"this student's files are {3 * len(large)} bytes "
                        "together, more than the 16777216 one student may hand in: none of them is graded", "mallory")]
    assert not [name for name in opened if name.startswith("mallory")]


def test_the_bytes_read_are_counted_not_the_sizes_claimed():
    """A file that claims to be small and reads large: the student is refused once their reading passes their
    limit, and what was read of them is not kept."""
    honest = Member("d_1_2_s.py", ("canvas", "1"), "d_1_2_s.py", 5, {"student": "d"}, None)
    liar = [Member(f"m_6_7_{i}.json", ("canvas", "6"), "m_6_7_0.json", 10, {"student": "m"}, None) for i in range(3)]

    def fill(member, at_most):
        return b"x" * min(at_most + 1, MAX_SUBMISSION_BYTES)  # each within its own limit, together more

    found, refused = read_class([*liar, honest], lambda member, at_most: b"x = 1" if member is honest
                                else fill(member, at_most))
    assert [member.name for member, *_ in found] == ["d_1_2_s.py"]
    assert refused == [("m_6_7_0.json", "this student's files are more than the 16777216 bytes one student may "
                        "hand in together: none of them is graded", {"student": "m"})]


def test_the_bytes_read_not_claimed_count_against_the_archives_cap(monkeypatch):
    monkeypatch.setattr(archive_limits, "MAX_TOTAL_BYTES", 150)
    students = [Member(f"s{i}_{i}_1_s.py", ("canvas", str(i)), f"s{i}_{i}_1_s.py", 5, {"student": f"s{i}"}, None)
                for i in range(2)]
    found, refused = read_class(students, lambda member, at_most: b"#" * 100)  # each claims 5 bytes, reads 100
    assert [member.name for member, *_ in found] == ["s0_0_1_s.py"]
    assert refused == [("s1_1_1_s.py", "not read: the archive's limit of 150 bytes of hand-ins was reached before "
                        "this hand-in (the ones before it are graded); grade it in a run of its own",
                        {"student": "s1"})]


def test_what_is_not_a_hand_in_is_neither_read_nor_counted(tmp_path, opened):
    """A member that is not a hand-in is skipped unread, however it would expand (this one would be refused as a
    zip bomb), and 5,000 of them beside the hand-ins count nothing against the archive's caps."""
    members = CLASSMATES + [("mallory_66666_77777_solution.py", REFERENCE),
                            ("mallory_66666_77777_blob.bin", bytes(3 * 1024 * 1024))]
    members += [(f"mallory_66666_77777_node_modules/n{i}.js", b"") for i in range(5000)]
    archive = make_zip(tmp_path / "class.zip", members)
    with zipfile.ZipFile(archive) as read:
        blob = read.getinfo("mallory_66666_77777_blob.bin")
        assert blob.file_size / blob.compress_size > 200
    graded, refused = graded_and_refused(archive)
    assert set(graded) == {"doejane", "roesmith", "mallory"} and refused == []
    assert sorted(opened) == sorted([name for name, _ in CLASSMATES] + ["mallory_66666_77777_solution.py"])


def test_the_archives_cap_of_files_grades_what_fit_and_names_each_student_left_out(tmp_path):
    students = [(f"s{i}_{10000 + i}_1_solution.py", b"x = 1\n") for i in range(archive_limits.MAX_MEMBERS + 2)]
    archive = make_zip(tmp_path / "class.zip", students)
    graded, refused = graded_and_refused(archive)
    assert len(graded) == archive_limits.MAX_MEMBERS and "s4999" in graded
    assert [(file, student) for file, _, student in refused] == [
        (f"{archive}:s5000_15000_1_solution.py", "s5000"), (f"{archive}:s5001_15001_1_solution.py", "s5001")]
    assert all(why.startswith("not read: the archive's limit of 5000 hand-in files was reached")
               for _, why, _ in refused)


def test_the_archives_cap_of_bytes_grades_what_fit_and_names_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_limits, "MAX_TOTAL_BYTES", len(REFERENCE) + 10)
    archive = make_zip(tmp_path / "class.zip", [
        ("Jane Doe_1_assignsubmission_file_/solution.py", REFERENCE),
        ("Jane Doe_1_assignsubmission_file_/helper.py", b"x = 1\n"),
        ("Sam Roe_2_assignsubmission_file_/solution.py", REFERENCE),  # would pass the cap: the reading stops
        ("Ann Lee_3_assignsubmission_file_/solution.py", b"x = 1\n"),  # fits, but comes after: not read either
        ("loose/one.py", b"x = 1\n"), ("loose/two.py", b"x = 1\n"), ("loose/three.py", b"x = 1\n")])
    found, refused = hand_ins_in_zip(archive)
    assert [name for name, *_ in found] == ["Jane Doe_1_assignsubmission_file_/solution.py",
                                            "Jane Doe_1_assignsubmission_file_/helper.py"]
    assert [(name, student.get("student")) for name, _, student in refused] == [
        ("Sam Roe_2_assignsubmission_file_/", "Sam Roe"), ("Ann Lee_3_assignsubmission_file_/", "Ann Lee"),
        ("loose/one.py", None)]
    assert refused[0][1].startswith(f"not read: the archive's limit of {archive_limits.MAX_TOTAL_BYTES} bytes")
    assert refused[2][1].endswith("(nor the 2 files after this one that name no student)")


def test_the_same_limits_in_the_folder_an_archive_unpacks_to(tmp_path, monkeypatch):
    folder = tmp_path / "moodle"
    for name, files in [("Ann Lee_3_assignsubmission_file_", {"solution.py": WRONG, "notes.bin": bytes(1000)}),
                        ("Jane Doe_1_assignsubmission_file_", {"solution.py": REFERENCE}),
                        ("Mallory_6_assignsubmission_file_", {f"f{i}.py": b"x = 1\n" for i in range(30)}),
                        ("Sam Roe_2_assignsubmission_file_", {"solution.py": WRONG})]:
        (folder / name).mkdir(parents=True)
        for file, data in files.items():
            (folder / name / file).write_bytes(data)
    monkeypatch.setattr(archive_limits, "MAX_MEMBERS", 2)
    graded, refused = graded_and_refused(folder)
    assert set(graded) == {"Ann Lee", "Jane Doe"}
    assert [(file, student) for file, _, student in refused] == [
        (f"{folder}/Mallory_6_assignsubmission_file_/", "Mallory"),
        (f"{folder}/Sam Roe_2_assignsubmission_file_/", "Sam Roe")]
    assert "is 30 files, more than the 20" in refused[0][1] and "limit of 2 hand-in files" in refused[1][1]


def test_the_same_limits_in_a_gradescope_export(tmp_path):
    metadata = b"".join(b"submission_%d:\n  :submitters:\n  - :name: %s\n    :sid: '%d'\n" % (i, name, i)
                        for i, name in [(1, b"Jane Doe"), (2, b"Mallory"), (3, b"Sam Roe")])
    archive = make_zip(tmp_path / "gradescope.zip", [
        ("export/submission_metadata.yml", metadata), ("export/submission_1/solution.py", REFERENCE),
        *[(f"export/submission_2/f{i}.py", b"x = 1\n") for i in range(25)], ("export/submission_3/solution.py", WRONG)])
    graded, refused = graded_and_refused(archive)
    assert set(graded) == {"Jane Doe", "Sam Roe"}
    assert refused == [(f"{archive}:export/submission_2/", "this student's hand-in is 25 files, more than the 20 one "
                        "student may hand in: none of them is graded", "Mallory")]


def test_every_student_not_graded_is_in_the_summary_with_the_reason(tmp_path, monkeypatch):
    """The one run that grades (without the sandbox: the grading is not the point): the summary an instructor
    imports names the student refused for their files and the student the archive's cap left out."""
    from runner.grading.check import CheckRequest, check

    monkeypatch.setattr(archive_limits, "MAX_MEMBERS", 1)
    archive = make_zip(tmp_path / "class.zip", CLASSMATES[:1] + [(f"mallory_66666_77777_f{i}.py", b"x = 1\n")
                                                                for i in range(21)] + CLASSMATES[1:])
    summary = tmp_path / "grades.csv"
    outcome = check(CheckRequest(files=(str(archive),), isolation="none", jobs=1, summary=str(summary)))
    rows = {row["student"]: row for row in csv.DictReader(summary.open())}
    assert rows["doejane"]["status"] == "pass" and set(rows) == {"doejane", "mallory", "roesmith"}
    assert "21 files, more than the 20" in rows["mallory"]["notes"]
    assert "limit of 1 hand-in files was reached" in rows["roesmith"]["notes"] and rows["roesmith"]["status"] == "error"
    assert any("roesmith_23456_78901_solution.py: not read" in line for line in outcome.messages)
