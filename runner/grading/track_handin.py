"""Reading a student's hand-in of a whole track (`check --track`, issue 36) without trusting it: a
track-submission .json (track-submission.schema.json beside this file) or a folder holding the student's
`<step>.py` files. As handin_files.py reads one exercise's hand-in: only regular files, never through a link,
bounded in size and nesting, every field checked before it is believed; each refusal is one line saying why.

What refuses the whole hand-in (it still gets its row): not a regular file or folder, too large, not UTF-8 JSON,
a key twice in one object, not "format": "track-submission" version 1, made for another track, a step the track
does not have (a misspelt step would otherwise be graded as not handed in), a wrong type at the top
(track, student, steps). What refuses one step only, the others being graded: its entry is not an
exercise-submission (parse_submission), or, in a folder, its file is a link, too large, not UTF-8 or there twice
(`linear.py` and `linear.json`). A step the hand-in does not name is not handed in (0 points).

A folder is one student's, named by the folder's name: `<step>.py` (the code) or `<step>.json` (the page's
single-exercise submission) for each step handed in; files starting with "." and files that are neither .py
nor .json are ignored, sub-folders are not entered, and a .py or .json named after no step refuses the
folder."""
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from runner.grading.handin_files import (MAX_JSON_DEPTH, MAX_SOURCE_BYTES, MAX_SUBMISSION_BYTES, Refused,
                                         hand_in_from_bytes, parse_submission, read_regular_file)
from runner.grading.terminal_text import safe_name, safe_text
from runner.shared.wire_decode import json_nesting

FORMAT = "track-submission"
FORMAT_VERSION = 1
MAX_NAME = 200  # characters of a student's name or id
MAX_FOLDER_ENTRIES = 1000


@dataclass
class TrackHandIn:
    file: str  # as given on the command line
    student: dict = field(default_factory=dict)  # {"student": name, "student_id": id}, either may be absent
    steps: dict = field(default_factory=dict)  # {slug: (source, submission or None), or Refused}: the steps handed in
    names: dict = field(default_factory=dict)  # {slug: the name its results carry as "file"}
    refused: Refused | None = None  # why the whole hand-in is not graded

    def name_of(self, slug):
        return self.names.get(slug, f"{self.file}:{slug}")

    def problems(self):
        """The "error:" lines `check` says for this hand-in: its refusal, or each refused step's."""
        if self.refused is not None:
            return [f"error: {safe_name(self.file)}: {safe_text(self.refused)}"]
        return [f"error: {safe_name(self.name_of(slug))}: {safe_text(why)}" for slug, why in self.steps.items()
                if isinstance(why, Refused)]


def read_hand_ins(track, arguments):
    """A TrackHandIn for each of `arguments` (paths), in order; a refused one says why in its `refused`."""
    return [read_hand_in(track, argument) for argument in arguments]


def read_hand_in(track, argument):
    path, student = Path(argument), {}
    try:
        if os.path.islink(path):
            raise Refused("is a symbolic link: only regular files and folders are graded")
        if path.is_dir():
            student = {"student": Path(os.path.abspath(path)).name}  # a folder is one student's, by its name
            return _from_folder(track, path, student)
        if path.suffix.lower() != ".json":
            if not os.path.lexists(path):
                raise Refused("no such file")
            raise Refused(f"not a track hand-in (expected a {FORMAT} .json or a student's folder of <step>.py "
                          "files)")
        limit = MAX_SUBMISSION_BYTES * len(track.steps)  # each step's entry is bounded as one submission is
        return _from_document(track, path, read_regular_file(path, limit))
    except Refused as why:
        return TrackHandIn(str(path), student, refused=why)


def _shown(value, cap=60):
    """A value from a hand-in in a message: as JSON (every control character escaped), cut short."""
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= cap else text[:cap] + "..."


def _no_repeats(pairs):
    keys = [key for key, _value in pairs]
    if len(set(keys)) < len(keys):
        repeated = next(key for key in keys if keys.count(key) > 1)
        raise Refused(f"names {_shown(repeated)} twice in one object: which one counts is not clear")
    return dict(pairs)


def _from_document(track, path, data):
    if json_nesting(data)[0] > MAX_JSON_DEPTH:
        raise Refused("not a track submission (nested too deeply)")
    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=_no_repeats)
    except UnicodeDecodeError as error:
        raise Refused(f"not UTF-8 text (byte {error.start})") from None
    except (ValueError, RecursionError) as error:
        raise Refused(f"not JSON ({safe_text(str(error)[:200])})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        got = document.get("format") if isinstance(document, dict) else None
        hint = ": it is one exercise's; name it <step>.json in the student's folder" if got == "exercise-submission" \
            else ""
        raise Refused(f"not a track submission (expected \"format\": \"{FORMAT}\"){hint}")
    version = document.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise Refused(f"version: {_shown(version)} is not a version this grader reads ({FORMAT_VERSION})")
    claimed = document.get("track")
    if not isinstance(claimed, dict) or not isinstance(claimed.get("id"), str):
        raise Refused("track: an object with the track's id (\"track\": {\"id\": ...}) is needed")
    if claimed["id"] != track.id:
        raise Refused(f"track: made for track {_shown(claimed['id'])}, graded as {_shown(track.id)}")
    student = _student(document.get("student"))
    steps = document.get("steps")
    if not isinstance(steps, dict):
        raise Refused("steps: an object of {\"<step>\": its exercise-submission} is needed")
    slugs = [step.slug for step in track.steps]
    unknown = [slug for slug in steps if slug not in slugs]
    if unknown:
        raise Refused(f"steps: {_shown(unknown[0])} is no step of track {_shown(track.id)} (its steps: "
                      f"{', '.join(slugs)})")
    hand_in = TrackHandIn(str(path), student)
    for slug in slugs:
        if slug in steps:
            hand_in.steps[slug] = _step_entry(slug, steps[slug])
    return hand_in


def _student(value):
    """{"student", "student_id"} from a track submission's optional "student" ({"name", "id"}), or Refused."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Refused("student: an object with the student's name and id (strings) is needed")
    found = {}
    for key, into in (("name", "student"), ("id", "student_id")):
        item = value.get(key)
        if item is None:
            continue
        if not isinstance(item, str) or not item.strip() or len(item) > MAX_NAME:
            raise Refused(f"student.{key}: a string of 1 to {MAX_NAME} characters is needed, not {_shown(item)}")
        found[into] = item
    return found


def _step_entry(slug, entry):
    """(source, submission) of one step's entry, as parse_submission reads a submission file; else Refused."""
    if not isinstance(entry, dict):
        return Refused(f"steps.{slug}: an exercise-submission object is needed, not {_shown(entry, 20)}")
    try:
        submission = parse_submission(json.dumps(entry))
    except Refused as why:
        return Refused(f"steps.{slug}: {why}")
    return submission["code"], submission


def _from_folder(track, path, student):
    slugs = [step.slug for step in track.steps]
    try:
        with os.scandir(path) as listing:
            names, folders = [], 0
            for entry in listing:
                if len(names) == MAX_FOLDER_ENTRIES:
                    raise Refused(f"holds more than {MAX_FOLDER_ENTRIES} entries: not one student's steps")
                names.append(entry.name)
                folders += entry.is_dir(follow_symlinks=False)
    except OSError as error:
        raise Refused(f"cannot be listed ({error.strerror})") from None
    found = {}
    for name in sorted(names):
        stem, suffix = os.path.splitext(name)
        if name.startswith(".") or suffix.lower() not in (".py", ".json"):
            continue
        if stem not in slugs:
            raise Refused(f"holds {_shown(name)}, which names no step of track {_shown(track.id)} (name each step's "
                          f"file <step>.py: {', '.join(slugs)})")
        found.setdefault(stem, []).append(name)
    if not found:
        raise Refused(f"is a folder with no step in it (<step>.py files: {', '.join(slugs)})"
                      + ("; for a class, give each student's folder (hand-ins/*/)" if folders else ""))
    hand_in = TrackHandIn(str(path), student)
    for slug in slugs:
        files = found.get(slug)
        if not files:
            continue
        hand_in.names[slug] = str(path / files[0])
        if len(files) > 1:
            hand_in.steps[slug] = Refused(f"{slug}: both {' and '.join(files)} are there: hand in one")
            continue
        submission = files[0].lower().endswith(".json")
        try:
            data = read_regular_file(path / files[0], MAX_SUBMISSION_BYTES if submission else MAX_SOURCE_BYTES)
            hand_in.steps[slug] = hand_in_from_bytes(data, submission=submission)
        except Refused as why:
            hand_in.steps[slug] = why
    return hand_in
