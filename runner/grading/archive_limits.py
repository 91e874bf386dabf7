"""How much of a class's hand-ins `check` reads from one LMS archive or the folder it unpacks to (issue 35):
limits for each student, so that one student's files never stop the class, and limits for the whole archive,
which bound what one run holds in memory. Whose a file is, lms_archive.py says (Canvas's user id in its name,
Moodle's participant folder, Gradescope's submission_<id> folder; a file that names no student is a hand-in of
its own). Only hand-in files (.py, .json) count: anything else in an archive is neither read nor counted.

- Each student: at most MAX_FILES_PER_STUDENT (20) hand-in files, of at most MAX_BYTES_PER_STUDENT (16 MiB,
  two of the largest submission .json) together; each file within its own limit too (handin_files.py). A
  student over either gets one refusal, which names them and says why; none of their files is graded, and
  they count nothing against the archive's limits. The sizes the files claim are checked before a byte is
  read, and the bytes read are counted, never believed.
- The archive: at most MAX_MEMBERS (5,000) hand-in files and MAX_TOTAL_BYTES (200 MiB) of them are read.
  Students are read whole, in the order of their first file; once the next one would pass either limit the
  reading stops: all read so far are graded, and each student after gets a refusal of their own that names
  them and the limit (the files that name no student, one refusal for them all)."""
from dataclasses import dataclass

from runner.grading.handin_files import MAX_SOURCE_BYTES, MAX_SUBMISSION_BYTES, Refused, hand_in_from_bytes

MAX_FILES_PER_STUDENT = 20  # a solution, its submission .json and helpers, many times over
MAX_BYTES_PER_STUDENT = 2 * MAX_SUBMISSION_BYTES  # two of the largest submission .json
MAX_MEMBERS = 5000  # hand-in files read from one archive or folder
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # their bytes together


@dataclass(frozen=True)
class Member:
    """One hand-in file in an archive or folder, before it is read."""
    name: str  # how the results name it
    owner: tuple  # whose it is: files with the same owner are one student's hand-in
    label: str  # how a refusal of the whole student names them: their folder, or their first file
    size: int  # the size it claims
    student: dict  # lms_archive.student_of
    handle: object  # what `read` is given to read it by

    @property
    def limit(self):
        return MAX_SUBMISSION_BYTES if self.name.lower().endswith(".json") else MAX_SOURCE_BYTES


def read_class(members, read):
    """([(member, source, submission)], [(name, why, student)]) for `members` (in order) within the limits above.
    read(member, at_most) gives the member's bytes, more than `at_most` of them when it has more (at least
    at_most + 1 are read to tell), or raises Refused for that file alone."""
    students = {}
    for position, member in enumerate(members):
        students.setdefault(member.owner, []).append((position, member))
    found, refused, unnamed, files, total, stop = [], [], [], 0, 0, None
    full_files, full_bytes = (f"the archive's limit of {MAX_MEMBERS} hand-in files",
                              f"the archive's limit of {MAX_TOTAL_BYTES} bytes of hand-ins")
    for group in students.values():
        position, first = group[0]
        claimed = sum(member.size for _, member in group)
        why = _over_student_limits(len(group), claimed)
        if why is None and stop is None:
            if files + len(group) > MAX_MEMBERS:
                stop = full_files
            elif total + claimed > MAX_TOTAL_BYTES:
                stop = full_bytes
            else:
                got = _read_student(group, read)
                if isinstance(got, str):
                    why = got
                elif total + _size(got) > MAX_TOTAL_BYTES:
                    stop = full_bytes
                else:
                    files, total = files + len(group), total + _size(got)
                    _parse(got, found, refused)
                    continue
        if why is None and not first.student:
            unnamed.extend(member for _, member in group)
        else:
            refused.append((position, first.label, why or _not_read(stop), first.student))
    refused = [entry[1:] for entry in sorted(refused, key=lambda entry: entry[0])]
    if unnamed:
        more = f" (nor the {len(unnamed) - 1} files after this one that name no student)" if len(unnamed) > 1 else ""
        refused.append((unnamed[0].name, _not_read(stop) + more, {}))
    return [entry[1:] for entry in sorted(found, key=lambda entry: entry[0])], refused


def _over_student_limits(count, claimed):
    """Why a student's files, `count` of them claiming `claimed` bytes, may not be read; or None."""
    if count > MAX_FILES_PER_STUDENT:
        return (f"this student's hand-in is {count} files, more than the {MAX_FILES_PER_STUDENT} one student may "
                "hand in: none of them is graded")
    if claimed > MAX_BYTES_PER_STUDENT:
        return (f"this student's files are {claimed} bytes together, more than the {MAX_BYTES_PER_STUDENT} one "
                "student may hand in: none of them is graded")
    return None


def _read_student(group, read):
    """[(position, member, bytes or Refused)] for one student's files; or why the student is refused, once
    what was read passes their limit (the sizes claimed were a lie)."""
    budget, got = MAX_BYTES_PER_STUDENT, []
    for position, member in group:
        at_most = min(member.limit, budget)
        try:
            data = read(member, at_most)
        except Refused as reason:
            got.append((position, member, reason))
            continue
        if len(data) > at_most:
            if at_most < member.limit:
                return (f"this student's files are more than the {MAX_BYTES_PER_STUDENT} bytes one student may "
                        "hand in together: none of them is graded")
            got.append((position, member, Refused(f"is more than the {member.limit} bytes a hand-in may have")))
            continue
        budget -= len(data)
        got.append((position, member, data))
    return got


def _size(got):
    return sum(len(data) for _, _, data in got if isinstance(data, bytes))


def _parse(got, found, refused):
    for position, member, data in got:
        if isinstance(data, bytes):
            try:
                source, submission = hand_in_from_bytes(data, submission=member.name.lower().endswith(".json"))
            except Refused as reason:
                data = reason
            else:
                found.append((position, member, source, submission))
                continue
        refused.append((position, member.name, str(data), member.student))


def _not_read(limit):
    return (f"not read: {limit} was reached before this hand-in (the ones before it are graded); grade it in a "
            "run of its own")
