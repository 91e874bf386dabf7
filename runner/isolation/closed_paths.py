"""Every path of the trees `check --isolation user` must find closed to other users (runner/grading/must_be_closed.py
says which), walked as root (issue 35). With no namespaces a student's uid sees the file system as any other user does, and
it can learn every name the grader was given (check's command line is in /proc for anyone to read), so the
probe (runner/isolation/unprivileged.py) is handed each path of these trees, not only their tops: a folder a
student can pass through but not list still gives away whatever inside it is readable.
"""
import os
import sys
import tempfile
from pathlib import Path


def reachable():
    """What a student's process must reach, so never walked into: the interpreter it runs (sys.prefix and
    sys.base_prefix: a developer's venv may sit inside the checkout) and the temporary folder, where its
    harness copy and scratch folders are made."""
    return variants(sys.prefix, sys.base_prefix, tempfile.gettempdir())


def variants(*places):
    return {variant for place in places for variant in (os.path.abspath(place), os.path.realpath(place))}


def walk(roots, skip=None):
    """Every path of `roots` and under them, each once, parents before children. A root is always given (and
    walked), but nothing under it that is in `skip` (default: reachable()) is. Symbolic links are left out:
    what one points to under a root is walked there, and what lies elsewhere is not the grader's."""
    skip = reachable() if skip is None else {os.path.abspath(place) for place in skip}
    seen = set()
    for root in roots:
        root = os.path.abspath(root)
        if root in seen:
            continue
        seen.add(root)
        yield root
        stack = [root] if os.path.isdir(root) and not os.path.islink(root) else []
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as entries:
                    children = sorted(entries, key=lambda entry: entry.name)
            except OSError:
                continue
            folders = []
            for entry in children:
                if entry.path in seen or entry.path in skip or entry.is_symlink():
                    continue
                seen.add(entry.path)
                yield entry.path
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
            stack.extend(reversed(folders))


def within(path, folder):
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
