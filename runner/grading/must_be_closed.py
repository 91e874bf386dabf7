"""What `check --isolation user` must find closed to other users before a student runs (issue 35): a student's
uid sees the file system as any user does, so every tree holding something of the grader's (the grader, the
exercise, the tests wherever they are, every input, the summary being written, the results kept for resuming)
must be closed to it. runner/isolation/unprivileged.py's ensure_closed() proves it with a probe."""
import os
import sys
from pathlib import Path

from runner.grading.resume import folder_for
from runner.isolation.closed_paths import variants, within
from runner.judge.exercise import Exercise


def paths_for(checkout, request, exercise):
    """The trees `check` must find closed for `request` (a CheckRequest), grading `exercise` (as loaded with its
    private tests): the grader (runner/), the exercise folder (its reference), its hidden tests where they
    are and the copy graded with the private tests, the private tests' folder wherever it is, each input as
    named on the command line, the summary's folder (it is written to a temporary file there, then renamed),
    the progress folder the results are kept in, and the whole `checkout` (.git included). Missing ones are
    left out; so is `checkout` when it is the interpreter's own (an installed runner: site-packages)."""
    given = Exercise.load(request.exercise)
    roots = [Path(checkout) / "runner", given.directory, given.tests_dir, exercise.tests_dir, given.private_tests_dir,
             request.private_tests, given.test_support_dir, *given.imports.values()]
    if request.summary:
        roots.append(Path(os.path.abspath(request.summary)).parent)
    roots.append(folder_for(request.summary, request.progress))
    roots = [os.path.realpath(root) for root in roots if root is not None]
    if not any(within(os.path.realpath(checkout), prefix) for prefix in variants(sys.prefix, sys.base_prefix)):
        roots.append(os.path.realpath(checkout))
    # A hand-in that is a link is refused unread (runner/grading/handin_files.py): what it points to is not
    # the grader's, and following it would let a planted link to /etc/passwd stop a whole class.
    inputs = [os.path.abspath(name) for name in request.files if not os.path.islink(name)]
    return [root for root in [*inputs, *roots] if os.path.lexists(root)]
