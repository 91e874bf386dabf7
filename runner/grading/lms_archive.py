"""Hand-ins as an LMS exports them (issue 30): the zip of every submission that Canvas ("Download
Submissions") or Moodle ("Download all submissions") makes, or a folder of them, with each student's name and
id read from the names the LMS gives the files:

- Canvas: `doejane_12345_67890_solution.py` (`doejane_LATE_12345_67890_solution.py` when late): the student's
  name, their user id, the submission id, the name they uploaded;
- Moodle: `Jane Doe_123456_assignsubmission_file_/solution.py`: the full name and the participant id;
- Gradescope ("Export Submissions"): `assignment_1_export/submission_123/solution.py`, whose student its
  `submission_metadata.yml` names (runner/grading/gradescope_roster.py).

A zip is hostile input, and read without unpacking it to disk: only members that are .py or submission .json
files are read (anything else is neither decompressed nor counted), each bounded in size, read to check its
size (never trusting the sizes the archive claims), and refused if it expands more than MAX_RATIO times (a zip
bomb); a member whose path is absolute, leaves the archive (`..`), or is a link is refused. Each student's
files have limits of their own, and the archive has caps, within which what fits is graded and every student
not graded is named (archive_limits.py). Each refusal says why."""
import os
import re
import stat
import zipfile
from pathlib import Path, PurePosixPath

from runner.grading import gradescope_roster
from runner.grading.archive_limits import Member, read_class
from runner.grading.handin_files import Refused, read_regular_file, read_source

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


def owner_of(parts):
    """Whose hand-in the file at `parts` is, for each student's limits: (a key, the folder that is theirs or
    None): the outermost Moodle participant folder or Gradescope submission_<id> folder it lies in, else
    Canvas's user id in its name, else the file alone."""
    for depth, part in enumerate(parts[:-1], 1):
        if MOODLE.fullmatch(part) or re.fullmatch(gradescope_roster.FOLDER, part):
            return ("folder", parts[:depth]), parts[:depth]
    match = CANVAS.fullmatch(parts[-1]) if parts else None
    return (("canvas", match["user"]) if match else ("file", parts)), None


def _member(name, parts, size, roster, handle, folder_name):
    """A Member (archive_limits.py) for the file `name`, at `parts` inside the archive."""
    owner, folder = owner_of(parts)
    return Member(name, owner, folder_name(folder) if folder else name, size, student_of(PurePosixPath(*parts), roster),
                  handle)


def _parts(name):
    return PurePosixPath(str(name).replace("\\", "/")).parts


def hand_ins_in_zip(path):
    """[(name inside the archive, source, submission or None, student info)] for each hand-in in the zip at
    `path`, and [(name, why it was refused, student info)]; Refused when the archive itself cannot be read or
    holds no hand-in."""
    try:
        archive = zipfile.ZipFile(path)
    except Exception as error:  # whatever a crafted archive makes zipfile raise: one refusal, never a crash
        raise Refused(f"not a readable zip archive ({type(error).__name__}: {str(error)[:120]})") from None
    with archive:
        members = archive.infolist()
        roster = _roster_in_zip(archive, members)
        candidates = [_member(info.filename, _parts(info.filename), info.file_size, roster, info,
                              lambda folder: "/".join(folder) + "/")
                      for info in members if not info.is_dir() and info.filename.lower().endswith(HAND_IN_SUFFIXES)]
        if not candidates:
            raise Refused("holds no .py file or submission .json")
        seen = set()

        def read(member, at_most):
            why = _unsafe(member.handle)
            if why is None and member.name in seen:
                why = "appears twice in the archive"
            if why is not None:
                raise Refused(why)
            seen.add(member.name)
            return _read_member(archive, member.handle, at_most)

        found, refused = read_class(candidates, read)
    return [(member.name, source, submission, member.student) for member, source, submission in found], refused


def _roster_in_zip(archive, members):
    """Gradescope's roster, when the archive is its export (one safe metadata member), else {}."""
    found = [member for member in members if PurePosixPath(member.filename).name == gradescope_roster.METADATA_NAME]
    if len(found) != 1 or _unsafe(found[0]) is not None:
        return {}
    try:
        data = _read_member(archive, found[0], gradescope_roster.MAX_METADATA_BYTES)
    except Refused:
        return {}
    if len(data) > gradescope_roster.MAX_METADATA_BYTES:
        return {}
    return gradescope_roster.roster(data.decode("utf-8", "replace"))


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


def _read_member(archive, member, at_most):
    """The member's bytes, at most `at_most` + 1 of them (more than `at_most`: it is larger, whatever its header
    says)."""
    try:
        with archive.open(member) as stream:
            return stream.read(at_most + 1)
    except Exception as error:  # corrupt compressed data raises zlib.error, an unknown method NotImplementedError, ...
        raise Refused(f"cannot be read from the archive ({type(error).__name__}: {str(error)[:120]})") from None


def hand_ins_in_folder(folder):
    """hand_ins_in_zip's two lists for `folder` (an LMS export unpacked), its files by their paths, in name
    order. Linked folders are not entered; a linked file is listed, and refused when read (handin_files.py)."""
    roster, candidates = _roster_in_folder(folder), []
    for root, folders, files in os.walk(folder, followlinks=False):
        folders.sort()
        for name in sorted(files):
            if name.lower().endswith(HAND_IN_SUFFIXES):
                path = Path(root) / name
                try:
                    size = os.lstat(path).st_size
                except OSError:
                    size = 0  # refused when read
                candidates.append(_member(str(path), path.relative_to(folder).parts, size, roster, path,
                                          lambda parts: f"{folder.joinpath(*parts)}/"))
    if not candidates:
        raise Refused("is a folder with no .py file or submission .json in it")
    found, refused = read_class(candidates, lambda member, _at_most: read_regular_file(member.handle, member.limit))
    return [(member.name, source, submission, member.student) for member, source, submission in found], refused


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
            try:
                found, refused = hand_ins_in_folder(path)
            except Refused as reason:
                yield str(path), reason, None, {}
                continue
            yield from found
            for name, why, student in refused:
                yield name, Refused(why), None, student
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
