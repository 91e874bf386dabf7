"""The unprivileged user's isolation (`check --isolation user`, runner/isolation/unprivileged.py), where bubblewrap
cannot start: in a throw-away root with a Docker container's rights (tests/container_root.py). The student's
process has its own uid, no capability, the seccomp filter and a home of its own; nothing it leaves running
survives it; the probe finds a file it could read; check grades with it and says so."""
import json
import os
import subprocess
import sys

import pytest

import container_root
from helpers import ROOT
from runner.isolation.student_uids import POOLS

pytestmark = pytest.mark.skipif(not container_root.available(), reason="needs bubblewrap, as root (as CI runs)")

LEFT_RUNNING = """import os, sys, time
if os.fork() == 0:
    os.setsid()
    for fd in (0, 1, 2):  # let go of the pipes, so only its uid says it is still there
        os.dup2(os.open(os.devnull, os.O_RDWR), fd)
    time.sleep(120)
    os._exit(0)
print(os.getuid())
"""


def inside(code, *binds):
    """Run Python `code` as root in the Docker-like root, the repository bound read-only at /grader-repo and
    its venv at /grader-venv (a checkout under /tmp, as CI's, would be hidden by the root's own /tmp)."""
    argv = container_root.argv([(ROOT, "/grader-repo", False), (sys.prefix, "/grader-venv", False), *binds],
                               docker=True, chdir="/grader-repo")
    done = subprocess.run([*argv, "--", "/grader-venv/bin/python", "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_student_has_its_own_uid_no_capability_the_filter_and_its_own_home():
    status = json.loads(inside("""
import json, os, subprocess, sys, tempfile
from runner.isolation import sandbox, unprivileged

program = [sys.executable, "-c", "import json, os; status = dict(line.split(':', 1) for line in open('/proc/self/status'));"
           "open('mine', 'w').write('x');"
           "print(json.dumps({'uid': os.getuid(), 'cap': status['CapEff'].strip(), 'seccomp': status['Seccomp'].strip(),"
           " 'home': os.environ['HOME'], 'cwd': os.getcwd(), 'keyring': os.path.exists('/proc/keys')}))"]
with tempfile.TemporaryDirectory() as folder:
    argv, env = unprivileged.command(program, env={}, limits=sandbox.Limits(), slot=1)
    started = unprivileged.start(argv, None)
    done = subprocess.run(started.argv, capture_output=True, text=True, cwd=folder, env=env, **started.popen_options())
    started.remove()
print(done.stdout or done.stderr)
"""))
    assert any(first <= status["uid"] < end for first, end in POOLS)  # runner/isolation/student_uids.py
    assert status["cap"] == "0000000000000000" and status["seccomp"] == "2"
    assert status["home"] == status["cwd"] and status["home"].endswith("/home")


def test_what_the_student_leaves_running_is_killed_when_its_process_ends():
    report = inside(f"""
import os, subprocess, sys, tempfile, time
from runner.isolation import sandbox, unprivileged

with tempfile.TemporaryDirectory() as folder:
    argv, env = unprivileged.command([sys.executable, "-c", {LEFT_RUNNING!r}], env={{}}, limits=sandbox.Limits())
    started = unprivileged.start(argv, None)
    done = subprocess.run(started.argv, capture_output=True, text=True, cwd=folder, env=env, **started.popen_options())
    uid = int(done.stdout)
    def alive():
        pids = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                status = dict(line.split(":", 1) for line in open(f"/proc/{{pid}}/status"))
            except OSError:
                continue
            if int(status["Uid"].split()[0]) == uid and not status["State"].strip().startswith("Z"):
                pids.append(pid)
        return pids
    before = alive()
    started.remove()
    time.sleep(0.2)
    print(len(before), len(alive()))
""")
    assert report.split() == ["1", "0"]  # one left running, none after


def test_the_probe_names_what_a_student_could_read_or_write(tmp_path):
    (tmp_path / "open").mkdir(mode=0o777)
    (tmp_path / "open").chmod(0o777)
    (tmp_path / "secret.py").write_text("x")
    (tmp_path / "secret.py").chmod(0o644)
    (tmp_path / "closed.py").write_text("x")
    (tmp_path / "closed.py").chmod(0o600)
    tmp_path.chmod(0o755)
    report = inside("""
from runner.isolation import unprivileged

try:
    unprivileged.ensure_closed(["/case/secret.py", "/case/open", "/case/closed.py"])
except unprivileged.IsolationUnavailable as error:
    print(error)
unprivileged.ensure_closed(["/case/closed.py"])
print("closed.py is closed")
""", (tmp_path, "/case", True))
    assert "read /case/secret.py" in report and "read /case/open" in report and "write /case/open" in report
    assert "closed.py" not in report.splitlines()[0] and "closed.py is closed" in report


def test_the_probe_walks_a_tree_it_is_given_and_names_what_is_readable_under_a_folder_it_cannot_list(tmp_path):
    """A folder others may pass through but not list still gives away a file inside that others may read; a FIFO
    in the tree is asked of, never opened (opening it would wait for a writer); a link is not followed."""
    tree = tmp_path / "tree"
    (tree / "passable" / "deeper").mkdir(parents=True)
    (tree / "passable" / "deeper" / "secret.py").write_text("x")
    (tree / "passable" / "deeper" / "secret.py").chmod(0o644)
    (tree / "passable" / "closed.py").write_text("x")
    (tree / "passable" / "closed.py").chmod(0o600)
    os.mkfifo(tree / "passable" / "pipe", 0o600)
    (tree / "passable" / "pipe").chmod(0o644)
    (tree / "passable" / "to-passwd").symlink_to("/etc/passwd")
    for folder in (tree, tree / "passable", tree / "passable" / "deeper"):
        folder.chmod(0o711)
    tmp_path.chmod(0o755)
    report = inside("""
from runner.isolation import unprivileged

try:
    unprivileged.ensure_closed(["/case/tree"])
except unprivileged.IsolationUnavailable as error:
    print(error)
""", (tmp_path, "/case", True))
    named = report.split("a student could ", 1)[1].split(": close them")[0].split("; ")
    assert sorted(named) == ["read /case/tree/passable/deeper/secret.py", "read /case/tree/passable/pipe"], report
    assert "closed.py" not in report and "passwd" not in report


def test_check_refuses_to_grade_as_an_unprivileged_user_while_a_student_could_read_the_grader():
    """The repository here is readable by every user: a student's code could read the reference solution and the
    tests (grading with them is tests/test_gradescope_autograder.py's, where they are closed)."""
    report = inside("""
import subprocess, sys
done = subprocess.run([sys.executable, "-m", "runner", "check", "--isolation", "user", "--json",
                       "exercise/reference_solution.py"], capture_output=True, text=True)
print(done.returncode, done.stderr)
""")
    assert report.startswith("3 error: --isolation user: a student could read /grader-repo and ")  # its top
    assert report.split("\n")[0].endswith(" more: close them to other users (chmod go-rwx)")  # and a count
