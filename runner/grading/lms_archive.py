"""Hand-ins as an LMS exports them (issue 30): the zip of every submission that Canvas ("Download
Submissions") or Moodle ("Download all submissions") makes, or a folder of them, with each student's name and
id read from the names the LMS gives the files:

- Canvas: `doejane_12345_67890_solution.py` (`doejane_LATE_12345_67890_solution.py` when late): the student's
  name, their user id, the submission id, the name they uploaded;
- Moodle: `Jane Doe_123456_assignsubmission_file_/solution.py`: the full name and the participant id;
- Gradescope ("Export Submissions"): `assignment_1_export/submission_123/solution.py`, whose student its
  `submission_metadata.yml` names (runner/grading/gradescope_roster.py).

A zip is hostile input, and read without unpacking it to disk: only members that are .py or submission .json
files are read, each bounded in size, read in full to check its size (never trusting the sizes the archive
claims), with caps on the members, the total and the compression ratio (a zip bomb); a member whose path is
absolute, leaves the archive (`..`), or is a link is refused. Each refusal says why."""
import os
import re
import stat
import zipfile
from pathlib import Path, PurePosixPath

from runner.grading import gradescope_roster
from runner.grading.handin_files import (MAX_SOURCE_BYTES, MAX_SUBMISSION_BYTES, Refused, hand_in_from_bytes,
                                         read_regular_file, read_source)

MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed over compressed bytes, for a member over a megabyte
CANVAS = re.compile(r"(?P<name>[^_/]+?)(?P<late>_LATE)?_(?P<user>\d+)_(?P<submission>\d+)_(?P<original>.+)")
MOODLE = re.compile(r"(?P<name>.+)_(?P<participant>\d+)_assign(submission|feedback)_[a-z]+_?")
HAND_IN_SUFFIXES = (".py", ".json")


def student_of(path, roster=None):
    """{"student", "student_id", "lms", "late"?} from an LMS's file or folder name (or, in Gradescope's export,
    from `roster`: runner/grading/gradescope_roster.py), or {} when it has none."""
    parts = PurePosixPath(str(path).replace("\\", "/")).parts
    folder = gradescope_roster.submission_folder(parts) if roster else None
    if folder in (roster or {}):
        return dict(roster[folder])
    for folder in parts[:-1]:
        match = MOODLE.fullmatch(folder)
        if match:
            return {"student": match["name"], "student_id": match["participant"], "lms": "moodle"}
    match = CANVAS.fullmatch(parts[-1]) if parts else None
    if match:
        return {"student": match["name"], "student_id": match["user"], "lms": "canvas",
                **({"late": True} if match["late"] else {})}
    return {}


def hand_ins_in_zip(path):
    """[(name inside the archive, source, submission or None, student info)] for each hand-in in the zip at
    `path`, and [(name, why it was refused, student info)]; Refused when the archive itself cannot be read."""
    try:
        archive = zipfile.ZipFile(path)
    except Exception as error:  # whatever a crafted archive makes zipfile raise: one refusal, never a crash
        raise Refused(f"not a readable zip archive ({type(error).__name__}: {str(error)[:120]})") from None
    hand_ins, refused, total = [], [], 0
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise Refused(f"holds {len(members)} files, more than the {MAX_MEMBERS} an archive may have")
        roster = _roster_in_zip(archive, members)
        seen = set()
        for member in members:
            name = member.filename
            if member.is_dir() or not name.lower().endswith(HAND_IN_SUFFIXES):
                continue
            why = _unsafe(member)
            if why is None and name in seen:
                why = "appears twice in the archive"
            if why is not None:
                refused.append((name, why, student_of(name, roster)))
                continue
            seen.add(name)
            is_submission = name.lower().endswith(".json")
            try:
                data = _read_member(archive, member, MAX_SUBMISSION_BYTES if is_submission else MAX_SOURCE_BYTES)
            except Refused as reason:
                refused.append((name, str(reason), student_of(name, roster)))
                continue
            total += len(data)
            if total > MAX_TOTAL_BYTES:  # the whole archive is refused
                raise Refused(f"unpacks to more than {MAX_TOTAL_BYTES} bytes")
            try:
                source, submission = hand_in_from_bytes(data, submission=is_submission)
            except Refused as reason:
                refused.append((name, str(reason), student_of(name, roster)))
                continue
            hand_ins.append((name, source, submission, student_of(name, roster)))
    return hand_ins, refused


def _roster_in_zip(archive, members):
    """Gradescope's roster, when the archive is its export (one safe metadata member), else {}."""
    found = [member for member in members if PurePosixPath(member.filename).name == gradescope_roster.METADATA_NAME]
    if len(found) != 1 or _unsafe(found[0]) is not None:
        return {}
    try:
        return gradescope_roster.roster(_read_member(archive, found[0], gradescope_roster.MAX_METADATA_BYTES)
                                        .decode("utf-8", "replace"))
    except Refused:
        return {}


def _unsafe(member):
    """Why this member may not be read, or None."""
    path = PurePosixPath(member.filename.replace("\\", "/"))
    if path.is_absolute() or re.match(r"[A-Za-z]:", member.filename):
        return "has an absolute path"
    if ".." in path.parts:
        return "has a path that leaves the archive (..)"
    if stat.S_ISLNK(member.external_attr >> 16):
        return "is a symbolic link"
    if member.flag_bits & 0x1:
        return "is encrypted"
    if member.file_size > 1024 * 1024 and member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
        return f"expands more than {MAX_RATIO} times (a zip bomb?)"
    return None


def _read_member(archive, member, limit):
    """The member's bytes, at most `limit`: read, not believed from its header."""
    try:
        with archive.open(member) as stream:
            data = stream.read(limit + 1)
    except Exception as error:  # corrupt compressed data raises zlib.error, an unknown method NotImplementedError, ...
        raise Refused(f"cannot be read from the archive ({type(error).__name__}: {str(error)[:120]})") from None
    if len(data) > limit:
        raise Refused(f"is more than the {limit} bytes a hand-in may have")
    return data


def hand_ins_in_folder(folder):
    """[path] of the .py and submission .json files under `folder` (an LMS export unpacked), in name order.
    Linked folders are not entered; a linked file is listed, and refused when read (handin_files.py)."""
    found = []
    for root, folders, files in os.walk(folder, followlinks=False):
        folders.sort()
        found.extend(Path(root) / name for name in sorted(files) if name.lower().endswith(HAND_IN_SUFFIXES))
    return found


def hand_ins(arguments):
    """What `check` grades, in order, from its FILE arguments: (path, source, submission, student) for each
    hand-in, or (path, Refused, None, student) for one that is not graded. A .zip is an LMS's archive, a
    folder an archive unpacked; any other path is one hand-in."""
    for argument in arguments:
        path = Path(argument)
        if path.suffix.lower() == ".zip" and not path.is_symlink() and path.is_file():
            try:
                found, refused = hand_ins_in_zip(path)
            except Refused as reason:
                yield str(path), reason, None, {}
                continue
            for name, source, submission, student in found:
                yield f"{path}:{name}", source, submission, student
            for name, why, student in refused:
                yield f"{path}:{name}", Refused(why), None, student
        elif path.is_dir() and not path.is_symlink():
            found = hand_ins_in_folder(path)
            if not found:
                yield str(path), Refused("is a folder with no .py file or submission .json in it"), None, {}
            roster = _roster_in_folder(path)
            for file in found:
                yield from _one(file, student_of(file.relative_to(path), roster))
        else:
            yield from _one(path, student_of(path.name))


def _roster_in_folder(folder):
    """Gradescope's roster, when the folder is its export unpacked, else {}."""
    found = [path for path in folder.glob(f"*/{gradescope_roster.METADATA_NAME}")] + \
        [path for path in [folder / gradescope_roster.METADATA_NAME] if path.exists()]
    if len(found) != 1:
        return {}
    try:
        data = read_regular_file(found[0], gradescope_roster.MAX_METADATA_BYTES)
    except Refused:
        return {}
    return gradescope_roster.roster(data.decode("utf-8", "replace"))


def _one(path, student):
    try:
        source, submission = read_source(path)
    except Refused as reason:
        yield str(path), reason, None, student
        return
    yield str(path), source, submission, student
