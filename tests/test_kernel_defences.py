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


def _failing_group_folder(make):
    def make_or_fail(folder):
        if folder.name.startswith("student-"):
            raise PermissionError(13, "Permission denied", str(folder))
        return make(folder)
    return make_or_fail


@pytest.mark.parametrize("isolation", ["sandbox", "user"])
def test_a_hand_in_never_runs_without_its_control_group(monkeypatch, isolation):
    """Where the host has control groups, a group that cannot be made refuses the hand-in (a grader error
    for that file, the batch goes on) instead of running it on the per-process limits alone: the memory attack
    passed every test when new_group fell back to None."""
    from runner.grading.bulk import _grade_source

    if cgroups._parents()[0] is None:
        pytest.skip("this host gives no control groups")
    monkeypatch.setattr(cgroups, "_make", _failing_group_folder(cgroups._make))
    engine = CPythonEngine(Exercise.load(ROOT / "exercise"), isolation=isolation)
    try:
        results = _grade_source(engine, (ATTACKS / "holds_memory_in_forked_children.py").read_text(), ([7], 1))
    finally:
        engine.close()
    assert results["status"] == "error", [test["status"] for test in results["tests"]]
    assert "not run: no control group (v" in results["message"], results["message"]
    assert "Permission denied" in results["message"]


def test_every_engine_in_one_process_gets_control_groups():
    """An engine's close removes the grader's parent groups; the next engine in the same process (check
    --jobs 0, a test run) makes them again instead of finding none (it used to run without a group)."""
    if cgroups._parents()[0] is None:
        pytest.skip("this host gives no control groups")
    for _ in range(2):
        group = cgroups.new_group(1 << 30, 64)
        assert all(folder.is_dir() for folder in group.folders)
        group.remove()
        cgroups.remove_parents()
