"""Nothing of a hand-in outlives it under `check --isolation user` (issue 35, item 2), in a throw-away root with
a container's full rights and with Docker's default ones (tests/container_root.py): what one hand-in leaves in
/tmp, /var/tmp and /dev/shm and in System V IPC is gone before the next one runs
(runner/isolation/traces.py), and each student gets a uid outside every range /etc/passwd, /etc/group,
/etc/subuid and /etc/subgid give, that owns nothing (runner/isolation/student_uids.py)."""
import json
import os
import shutil
import subprocess
import sys

import pytest

import container_root
from helpers import ROOT
from runner.isolation.student_uids import POOLS

pytestmark = pytest.mark.skipif(not container_root.available(), reason="needs bubblewrap, as root (as CI runs)")

ATTACKS = ROOT / "tests" / "attacks"
SHARED = {"tmp": "/tmp", "vartmp": "/var/tmp", "shm": "/dev/shm"}  # world-writable, as in a container
RIGHTS = pytest.mark.parametrize("docker", [False, True], ids=["full-rights", "docker-rights"])
SAYS_ITS_UID = "import os\n\ndef relu(x):\n    raise RuntimeError(f'uid {os.getuid()} gid {os.getgid()}')\n"


def container(tmp_path, *, docker, subuid=None):
    """bwrap's argv up to `--`: the checkout and the hand-ins in a folder closed to other users (/closed), this
    venv at /grader-venv, the shared places writable by all, System V IPC of its own (what a test leaves there
    never meets another test's), and with `subuid`, an /etc/subuid and /etc/subgid
    of that text (the rest of /etc as the host's)."""
    places = {}
    for name, inside in SHARED.items():
        places[name] = tmp_path / name
        places[name].mkdir()
        places[name].chmod(0o1777)
    argv = container_root.argv([(sys.prefix, "/grader-venv", False),
                                *[(places[name], inside, True) for name, inside in SHARED.items()]],
                               docker=docker, chdir="/closed/repo")
    argv += ["--unshare-ipc", "--perms", "0700", "--dir", "/closed", "--ro-bind", str(ROOT), "/closed/repo",
             "--ro-bind", str(tmp_path / "handins"), "/closed/handins"]
    if subuid is not None:
        (tmp_path / "subuid").write_text(subuid)
        argv += ["--tmpfs", "/etc"]
        for name in sorted(os.listdir("/etc")):
            path = f"/etc/{name}"
            argv += ["--symlink", os.readlink(path), path] if os.path.islink(path) else ["--ro-bind", path, path]
        argv += [arg for name in ("subuid", "subgid") for arg in ("--ro-bind", str(tmp_path / "subuid"), f"/etc/{name}")]
    return argv, places


def check(tmp_path, handins, *, docker=True, subuid=None):
    """`check --isolation user --json` of `handins` ({name: text}, graded in that order): (exit code, the
    results, or stderr when it refused), and the shared places' folders on the host."""
    (tmp_path / "handins").mkdir()
    for name, text in handins.items():
        (tmp_path / "handins" / name).write_text(text)
    argv, places = container(tmp_path, docker=docker, subuid=subuid)
    done = subprocess.run([*argv, "--", "/grader-venv/bin/python", "-m", "runner", "check", "--isolation", "user",
                           "--jobs", "1", "--json", *[f"/closed/handins/{name}" for name in handins]],
                          capture_output=True, text=True, timeout=300)
    return done.returncode, (json.loads(done.stdout) if done.stdout.strip() else done.stderr), places


@RIGHTS
def test_a_later_hand_in_finds_nothing_an_earlier_one_left(tmp_path, docker):
    code, results, places = check(tmp_path, {"a_leaves.py": (ATTACKS / "leaves_traces.py").read_text(),
                                             "b_finds.py": (ATTACKS / "finds_traces.py").read_text()}, docker=docker)
    assert isinstance(results, list), results
    leaver, finder = results
    assert "left what it could" in leaver["tests"][0]["message"]  # it ran
    messages = {test["message"].split(": ", 1)[-1] for test in finder["tests"]}
    assert messages == {"found no trace"}, messages
    left = [f"{name}/{entry}" for name, folder in places.items() for entry in os.listdir(folder)
            if not entry.startswith(".runner-student-uids")]
    assert not [entry for entry in left if "trace" in entry], left


@RIGHTS
def test_what_the_seccomp_filter_would_refuse_is_removed_all_the_same(tmp_path, docker):
    """The filter refuses System V IPC and POSIX queues; without it (a filter that one day lets them through),
    the student's segment, semaphores and queue are still removed when its process ends, and it gets no POSIX
    message queue (RLIMIT_MSGQUEUE 0), which no mount here would show to be removed."""
    (tmp_path / "handins").mkdir()
    argv, places = container(tmp_path, docker=docker)
    script = """
import json, os, subprocess, sys, tempfile
from runner.isolation import sandbox, traces, unprivileged
leave = open("/closed/repo/tests/attacks/leaves_traces.py").read() + (
    "print(segment, libc.semget(KEY, 1, 0), libc.msgget(KEY, 0),"
    " libc.mq_open(b'/trace-queue-2', os.O_CREAT | os.O_RDWR, 0o666, None), ctypes.get_errno())")
with tempfile.TemporaryDirectory() as folder:
    argv, env = unprivileged.command([sys.executable, "-c", leave], env={}, limits=sandbox.Limits())
    started = unprivileged.start([arg for arg in argv if not arg.startswith("SECCOMP=")], None)
    done = subprocess.run(started.argv, capture_output=True, text=True, cwd=folder, env=env, **started.popen_options())
    before = traces.owned_by(started.uid)
    started.remove()
    print(json.dumps({"made": done.stdout.split(), "before": before, "after": traces.owned_by(started.uid)}))
"""
    done = subprocess.run([*argv, "--", "/grader-venv/bin/python", "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    shm, sem, msg, queue, error = (int(n) for n in report["made"])
    assert shm >= 0 and sem >= 0 and msg >= 0, report  # made, without the filter
    assert queue == -1 and error == 24, report  # EMFILE: no message queue may be made at all
    kinds = {" ".join(what.split()[:3]) for what in report["before"]}
    assert {"System V shm", "System V sem", "System V msg"} <= kinds, report
    assert len([what for what in report["before"] if what.startswith("file ")]) >= 6, report
    assert report["after"] == [], report


def _all_but(first, end):
    """/etc/subuid's text giving away every pool's ids but [first, end)."""
    ranges = [(a, b) for pool_first, pool_end in POOLS for a, b in ((pool_first, min(pool_end, first)),
                                                                     (max(pool_first, end), pool_end)) if a < b]
    return "".join(f"someone{n}:{a}:{b - a}\n" for n, (a, b) in enumerate(ranges))


@RIGHTS
def test_the_uid_is_outside_every_range_etc_subuid_gives(tmp_path, docker):
    window = (POOLS[0][0] + 1_000_000, POOLS[0][0] + 1_000_004)
    code, results, _ = check(tmp_path, {"says_its_uid.py": SAYS_ITS_UID}, docker=docker, subuid=_all_but(*window))
    assert code == 1 and isinstance(results, list), results  # graded: its tests failed, saying its uid
    message = next(test["message"] for test in results[0]["tests"] if test["message"])
    uid, gid = (int(word) for word in message.split("uid ")[1].split()[0:3:2])
    assert window[0] <= uid < window[1] and gid == uid, message


def test_check_refuses_when_every_uid_is_given_away(tmp_path):
    code, results, _ = check(tmp_path, {"says_its_uid.py": SAYS_ITS_UID}, subuid=_all_but(0, 0))
    assert code != 0 and "no uid is left for a student" in results, results


def test_the_chooser_skips_a_uid_that_owns_a_file_or_is_held_and_the_sandbox_keeps_out_of_the_ranges(tmp_path):
    window = (POOLS[0][0] + 5_000, POOLS[0][0] + 5_010)
    (tmp_path / "handins").mkdir()
    argv, places = container(tmp_path, docker=True, subuid=_all_but(*window))
    script = f"""
import os
from runner.isolation import sandbox, student_uids, traces
first = {window[0]}
open("/var/tmp/owned", "w").close()
os.chown("/var/tmp/owned", first, 0)
held = student_uids.reserve(traces.owners, start=0)
second = student_uids.reserve(traces.owners, start=0)
bwrap = [int(arg[4:]) for arg in sandbox.command(["/bin/true"]) if arg.startswith("UID=")]
print(held.uid, second.uid, *bwrap)
"""
    done = subprocess.run([*argv, "--", "/grader-venv/bin/python", "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    held, second, bwrap = (int(n) for n in done.stdout.split())
    assert (held, second) == (window[0] + 1, window[0] + 2)  # first owns a file; held is held
    assert window[0] <= bwrap < window[1]
    shutil.rmtree(places["vartmp"])
