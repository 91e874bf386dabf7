"""Under `check --isolation user` a student reads nothing of the grader's (issue 35, item 1): before any hand-in
runs, the probe is handed every path of the whole checkout (.git included, the interpreter left out), of each
input named on the command line, of the private tests' folder and of the summary's folder, and check refuses
(exit code 3) naming what a student's uid could read (runner/grading/must_be_closed.py, runner/isolation/closed_paths.py, unprivileged.py).
Through the real command in a throw-away root (tests/container_root.py): a checkout closed as the README says,
copied to /class, hand-ins in /handins, private tests in /private, the summary's folder /out."""
import json
import os
import shutil
import subprocess
import sys

import pytest

import container_root
from helpers import ROOT

pytestmark = pytest.mark.skipif(not container_root.available(), reason="needs bubblewrap, as root (as CI runs)")

RIGHTS = pytest.mark.parametrize("docker", [False, True], ids=["full-rights", "docker-rights"])
REFERENCE = (ROOT / "exercise" / "reference_solution.py").read_text()
PRIVATE_TEST = "import numpy as np\nfrom solution import relu\n\n\ndef test_zero_stays_zero():\n    assert relu(np.zeros(3)).sum() == 0\n"
# A hand-in that reads check's command line in /proc, opens every other hand-in named there and grades with the
# first it can read; with none, its functions return None and it passes no test.
COPIES = '''import glob


def _classmate():
    for cmdline in glob.glob("/proc/[0-9]*/cmdline"):
        try:
            argv = open(cmdline, "rb").read().split(b"\\0")
        except OSError:
            continue
        for arg in argv if b"check" in argv else ():
            if arg.endswith(b".py") and b"mallory" not in arg:
                try:
                    namespace = {}
                    exec(open(arg).read(), namespace)
                    return namespace
                except Exception:
                    pass
    return None


def relu(x):
    found = _classmate()
    return found and found["relu"](x)


def relu_backward(grad_out, x):
    found = _classmate()
    return found and found["relu_backward"](grad_out, x)
'''


def closed_class(tmp_path):
    """On the host: the checkout closed as the README says (runner/, exercise/, hidden_tests/ and a .git whose
    objects hold the reference, every path go-rwx), two hand-ins (alice.py honest, mallory.py copying), private
    tests and the summary's folder, each closed to other users; a test opens what it attacks."""
    checkout = tmp_path / "class"
    for name in ("runner", "exercise", "hidden_tests"):
        shutil.copytree(ROOT / name, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
    (checkout / ".git" / "objects" / "5e").mkdir(parents=True)
    (checkout / ".git" / "objects" / "5e" / "f0a1b2").write_text(REFERENCE)
    (checkout / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "handins").mkdir()
    (tmp_path / "handins" / "alice.py").write_text(REFERENCE)
    (tmp_path / "handins" / "mallory.py").write_text(COPIES)
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "test_private.py").write_text(PRIVATE_TEST)
    (tmp_path / "out").mkdir()
    for name in ("class", "handins", "private", "out"):
        chmod_all(tmp_path / name, 0o700, 0o600)
    return tmp_path


def chmod_all(folder, folder_mode, file_mode):
    for where, folders, files in os.walk(folder):
        os.chmod(where, folder_mode)
        for name in files:
            os.chmod(os.path.join(where, name), file_mode)


def check(case, *args, docker=True, python="/grader-venv/bin/python", binds=()):
    """`check --isolation user --jobs 1 --json ARGS` run from /class: (exit code, stdout, stderr)."""
    argv = container_root.argv([(case / "class", "/class", False), (case / "handins", "/handins", False),
                                (case / "private", "/private", False), (case / "out", "/out", True),
                                (sys.prefix, "/grader-venv", False), *binds], docker=docker, chdir="/class")
    done = subprocess.run([*argv, "--", python, "-m", "runner", "check", "--isolation", "user", "--jobs", "1",
                           "--json", *args], capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout, done.stderr


def refusal(stderr):
    lines = [line for line in stderr.splitlines() if line.startswith("error: --isolation user: a student could")]
    assert len(lines) == 1, stderr[-3000:]
    return lines[0]


@RIGHTS
def test_a_classmates_hand_in_open_to_others_is_refused_and_closed_it_gives_the_copier_nothing(tmp_path, docker):
    case = closed_class(tmp_path)
    (case / "handins").chmod(0o755)  # as unpacked or copied: readable by others by default
    (case / "handins" / "alice.py").chmod(0o644)
    code, _out, err = check(case, "/handins/alice.py", "/handins/mallory.py", docker=docker)
    assert code == 3 and "read /handins" in refusal(err)

    (case / "handins").chmod(0o700)
    code, out, err = check(case, "/handins/alice.py", "/handins/mallory.py", docker=docker)
    assert code == 1, err[-3000:]
    alice, mallory = json.loads(out)
    assert alice["status"] == "pass"
    assert not [test for test in mallory["tests"] if test["status"] == "pass"], mallory


def test_a_hand_in_named_on_the_command_line_is_refused_even_in_a_folder_others_cannot_list(tmp_path):
    case = closed_class(tmp_path)
    (case / "handins").chmod(0o711)
    (case / "handins" / "alice.py").chmod(0o644)
    code, _out, err = check(case, "/handins/alice.py", "/handins/mallory.py")
    assert code == 3 and refusal(err).startswith("error: --isolation user: a student could read /handins/alice.py:")


@RIGHTS
def test_private_tests_open_to_others_are_refused_wherever_they_are(tmp_path, docker):
    case = closed_class(tmp_path)
    chmod_all(case / "private", 0o755, 0o644)
    code, _out, err = check(case, "/handins/alice.py", "--private-tests", "/private", docker=docker)
    assert code == 3 and "read /private" in refusal(err)


@RIGHTS
def test_the_checkouts_git_is_refused_when_its_objects_are_readable(tmp_path, docker):
    """runner/, exercise/ and hidden_tests/ closed as the README once asked, and .git's folders passable but
    not listable: the reference in its objects is still readable by name."""
    case = closed_class(tmp_path)
    (case / "class").chmod(0o711)
    for folder in (".git", ".git/objects", ".git/objects/5e"):
        (case / "class" / folder).chmod(0o711)
    (case / "class" / ".git" / "objects" / "5e" / "f0a1b2").chmod(0o644)
    code, _out, err = check(case, "/handins/alice.py", docker=docker)
    assert code == 3 and "read /class/.git/objects/5e/f0a1b2" in refusal(err)


@RIGHTS
def test_the_summarys_folder_open_to_others_is_refused(tmp_path, docker):
    case = closed_class(tmp_path)
    (case / "out").chmod(0o755)
    code, _out, err = check(case, "/handins/alice.py", "--summary", "/out/grades.csv", docker=docker)
    assert code == 3 and "read /out" in refusal(err)
    assert not (case / "out" / "grades.csv").exists()


def test_with_everything_closed_a_class_is_graded_with_its_private_tests_and_summary(tmp_path):
    """Nothing is refused that is closed: the inputs, the private tests and the summary's folder."""
    case = closed_class(tmp_path)
    code, out, err = check(case, "/handins/alice.py", "--private-tests", "/private", "--summary", "/out/grades.csv")
    assert code == 0, err[-3000:]
    assert [test["status"] for test in json.loads(out)[0]["tests"]].count("pass") == 6
    assert (case / "out" / "grades.csv").exists()


def test_a_venv_inside_the_checkout_stays_reachable_and_a_refusal_is_one_short_line(tmp_path):
    """A developer's layout: the venv in the checkout (the checkout passable, everything else in it closed)
    is not walked; with the whole checkout open, the refusal names its top and counts the rest."""
    case = closed_class(tmp_path)
    (case / "class").chmod(0o711)
    (case / "class" / ".venv").mkdir(mode=0o755)
    venv = [(sys.prefix, "/class/.venv", False)]
    code, out, err = check(case, "/handins/alice.py", python="/class/.venv/bin/python", binds=venv)
    assert code == 0, err[-3000:]

    chmod_all(case / "class", 0o755, 0o644)
    code, _out, err = check(case, "/handins/alice.py", python="/class/.venv/bin/python", binds=venv)
    line = refusal(err)
    assert code == 3 and line.startswith("error: --isolation user: a student could read /class and ")
    assert line.endswith(" more: close them to other users (chmod go-rwx)") and len(line) < 200, line
