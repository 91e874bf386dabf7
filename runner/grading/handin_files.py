"""Reading a hand-in without trusting what it claims to be (issue 27): only a regular file is read, opened
without following a symbolic link and without blocking on a FIFO, its size checked before a byte is read;
a submission .json is bounded in size and nesting and checked field by field. Each refusal says why."""
import json
import os
import stat
from pathlib import Path

from runner.shared.wire_decode import json_nesting

MAX_SOURCE_BYTES = 2 * 1024 * 1024     # the page opens files up to 2 MB
MAX_SUBMISSION_BYTES = 8 * 1024 * 1024  # the code, the results seen, a few notes
MAX_JSON_DEPTH = 64
KINDS = {stat.S_IFLNK: "a symbolic link", stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a directory"}


class Refused(Exception):
    """Why a hand-in is not graded, in one line (the path is the caller's to add)."""


def read_regular_file(path, limit):
    """The bytes of `path` if it is a regular file of at most `limit` bytes, else Refused."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise Refused("no such file") from None
    except OSError as error:
        if os.path.islink(path):
            raise Refused("is a symbolic link: only regular files are graded") from None
        raise Refused(f"cannot be opened ({error.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise Refused(f"is {kind}, not a .py file" if kind == "a directory" else
                          f"is {kind}: only regular files are graded")
        if info.st_size > limit:
            raise Refused(f"is {info.st_size} bytes, more than the {limit} a hand-in may have")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            raise Refused(f"is more than the {limit} bytes a hand-in may have")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_source(path):
    """(source, submission or None) of a .py file or a submission .json, or Refused saying why not."""
    path = Path(path)
    if path.suffix == ".json":
        return hand_in_from_bytes(read_regular_file(path, MAX_SUBMISSION_BYTES), submission=True)
    if path.suffix != ".py":
        if path.is_dir() and not path.is_symlink():
            raise Refused("is a directory, not a .py file")
        raise Refused("not a Python file (expected a .py file or a submission .json)")
    return hand_in_from_bytes(read_regular_file(path, MAX_SOURCE_BYTES), submission=False)


def hand_in_from_bytes(data, *, submission):
    """(source, submission or None) from a hand-in's bytes, already bounded in size: a submission .json's, or
    a .py file's (UTF-8 text, no NUL bytes); Refused saying why not."""
    if submission:
        parsed = parse_submission(data.decode("utf-8", errors="replace"))
        return parsed["code"], parsed
    if b"\0" in data:
        raise Refused("not a Python file (it contains binary data)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        raise Refused(f"not UTF-8 text (byte {error.start}); save it as UTF-8") from None


def parse_submission(text):
    """The submission in `text` with every field the re-grade reads of the right type (others dropped), or
    Refused saying why not."""
    from runner.grading.submission import FORMAT

    if json_nesting(text.encode("utf-8", "surrogatepass"))[0] > MAX_JSON_DEPTH:
        raise Refused("not a submission file (nested too deeply)")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise Refused(f"not JSON ({str(error)[:200]})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("code"), str):
        raise Refused(f"not a submission file (expected \"format\": \"{FORMAT}\" and the code)")
    if len(data["code"]) > MAX_SOURCE_BYTES:
        raise Refused(f"its code is more than the {MAX_SOURCE_BYTES} bytes a hand-in may have")
    exercise = data.get("exercise") if isinstance(data.get("exercise"), dict) else {}
    results = data.get("results") if isinstance(data.get("results"), dict) else {}
    tests = [{key: test.get(key) for key in ("test", "name", "status") if isinstance(test.get(key), str)}
             for test in (results.get("tests") if isinstance(results.get("tests"), list) else []) if isinstance(test, dict)]
    seed = results.get("seed")
    return {
        "format": FORMAT, "code": data["code"],
        "code_sha256": data["code_sha256"] if isinstance(data.get("code_sha256"), str) else None,
        "exercise": {key: exercise[key] for key in ("id", "version") if isinstance(exercise.get(key), str)},
        "results": {"status": results.get("status") if isinstance(results.get("status"), str) else None,
                    "seed": seed if type(seed) is int else None, "tests": tests} if results else None,
        "runtime": _strings_only(data.get("runtime")),
    }


def _strings_only(value):
    """A dict's short string and number fields (what the student's runtime was), or None."""
    if not isinstance(value, dict):
        return None
    return {str(key)[:40]: item[:200] if isinstance(item, str) else item for key, item in list(value.items())[:20]
            if isinstance(item, str) or (type(item) in (int, float, bool))}

