"""Each kernel-side defence of the sandbox (issue 27) is what stops its attack: graded with that one defence
taken away, the attack of tests/attacks/ passes; with every defence, it fails (tests/test_sandbox_attacks.py
grades them all in bulk, in both engines)."""
import uuid

import pytest

import session_keyring
from helpers import ROOT
from runner.isolation import sandbox
from runner.engines.process_engine import CPythonEngine
from runner.isolation import cgroups
from runner.judge.exercise import Exercise

ATTACKS = ROOT / "tests" / "attacks"


def allow_everything_fd():
    """A seccomp filter that denies nothing, in place of the sandbox's own."""
    import os

    import pyseccomp

    fd = os.memfd_create("allow-all", 0)
    with open(fd, "w+b", closefd=False) as out:
        pyseccomp.SyscallFilter(pyseccomp.ALLOW).export_bpf(out)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


WITHOUT = {
    "seccomp": lambda patch: patch.setattr(sandbox, "filter_fd", allow_everything_fd),
    "keyring": lambda patch: patch.setattr(sandbox, "join_new_session_keyring", lambda: None),
    "cgroup": lambda patch: patch.setattr(cgroups, "new_group", lambda memory, processes: None),
}


def grade(attack, mark):
    engine = CPythonEngine(Exercise.load(ROOT / "exercise"))
    try:
        return engine.grade((ATTACKS / f"{attack}.py").read_text().replace("__MARK__", mark))
    finally:
        engine.close()


@pytest.mark.parametrize("attack, removed, works", [
    ("uses_io_uring", ["seccomp"], True),
    ("mounts_past_the_tmp_cap", ["seccomp"], True),
    ("holds_memory_in_forked_children", ["cgroup"], True),
    ("reaches_the_keyring", ["seccomp", "keyring"], True),
    ("reaches_the_keyring", ["seccomp"], False),   # the fresh session keyring alone holds
    ("reaches_the_keyring", ["keyring"], False),   # and so does the filter alone
    ("uses_io_uring", [], False),
])
def test_an_attack_works_only_without_its_defence(monkeypatch, attack, removed, works):
    mark = f"defence-{uuid.uuid4().hex[:8]}"
    key = session_keyring.plant(f"{mark}-grader")
    try:
        for defence in removed:
            WITHOUT[defence](monkeypatch)
        results = grade(attack, mark)
    finally:
        session_keyring.revoke(key)
    # an attack that worked passes tests (the memory one only once its children hold their share: the first
    # call may come before that); one that did not passes none
    passed = [test["status"] == "pass" for test in results["tests"]]
    assert any(passed) == works, (attack, removed, results["tests"][0]["message"])
