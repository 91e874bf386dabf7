"""A re-grade that can stop and go on: each hand-in's results are kept in a progress folder as its file
finishes (beside the summary, `grades.csv.progress/`, or the folder `--progress DIR` names), and the same
command run again after Ctrl+C, a crash or a reboot takes them from there instead of grading the file again.

Each result is one file, written to a temporary name, flushed to disk and renamed into place, so a crash leaves
either the whole result or none. Its name is a hash of what the result depends on (the exercise and its tests,
the engine, isolation and seeds, the hand-in's name and content, via shards.py): a changed file or another
exercise looks up another name, and is graded again. What is read back is checked before it is believed
(saved_results.py: a regular file, bounded, the fields of a result, the name it must have); whatever fails is
graded again, with a warning. The folder is made private to the grader, and a folder another user can write to
(or a link in its place) is refused. When the run has finished and written what it was asked to, the results
it kept are removed."""
import contextlib
import hashlib
import json
import os
import signal
import stat
import tempfile
import threading
from pathlib import Path

from runner.grading.saved_results import Unsound, problem, read_json

FORMAT = "check-progress"
VERSION = 1


class ProgressError(Exception):
    """Why the progress folder cannot be used, in one line."""


def folder_for(summary, progress):
    """The progress folder a check keeps: `progress` if named, else beside the summary, else None (no summary,
    nothing to go on with)."""
    if progress:
        return Path(progress)
    return Path(f"{summary}.progress") if summary else None


class Progress:
    def __init__(self, folder, grading):
        self.folder = Path(folder)
        self.run = hashlib.sha256(json.dumps([FORMAT, VERSION, grading], sort_keys=True).encode("ascii")).hexdigest()
        self.kept = set()
        _private_folder(self.folder)

    def _path(self, identity):
        return self.folder / (hashlib.sha256(f"{self.run}:{identity}".encode("ascii")).hexdigest() + ".json")

    def load(self, identity, file):
        """(the results kept for this hand-in, or None; a warning when what was there is not believed)."""
        path = self._path(identity)
        if not os.path.lexists(path):
            return None, None
        try:
            document = read_json(path)
            if not isinstance(document, dict) or document.get("format") != FORMAT or \
                    document.get("version") != VERSION or document.get("key") != path.stem:
                raise Unsound("not this grading's progress")
            why = problem(document.get("results"), file)
            if why:
                raise Unsound(why)
        except Unsound as why:
            return None, f"warning: {path}: {why}: graded again"
        self.kept.add(path)
        return document["results"], None

    def save(self, identity, results):
        path = self._path(identity)
        text = json.dumps({"format": FORMAT, "version": VERSION, "key": path.stem, "results": results})
        fd, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        self.kept.add(path)

    def finish(self):
        """Remove what this run kept (and temporary files a crash left); the folder too once empty."""
        for path in list(self.kept) + list(self.folder.glob(".*.tmp")):
            with contextlib.suppress(OSError):
                path.unlink()
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # other gradings' results (another exercise's) stay, and so does the folder


def _private_folder(folder):
    """Make `folder` (mode 700), or check that the one there is a real folder of ours no other user can write."""
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise ProgressError(f"{folder}: cannot make the progress folder ({error.strerror})") from None
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise ProgressError(f"{folder}: the progress folder's name is taken by a link or a file: remove it, or "
                            "name another folder with --progress DIR")
    if info.st_uid != os.geteuid() or info.st_mode & 0o022:
        raise ProgressError(f"{folder}: a progress folder other users can write to, or not yours: remove it, or "
                            "name another folder with --progress DIR")


@contextlib.contextmanager
def stop_on_interrupt():
    """An event Ctrl+C (SIGINT) sets while inside, instead of raising KeyboardInterrupt wherever the grader is
    (pytest, in the judge, would take it for a test run's interruption). Outside the main thread, where signal
    handlers cannot be set, an event nothing sets."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)
