"""A student process killed from outside while importing solution.py (SIGKILL: exit code 137 from
bubblewrap, seen once in a few full test runs on an honest solution) is started again once; any other
crash, and a second kill, is the hand-in's verdict (runner/judge/session.py)."""
import pytest

from runner.shared import wire
from runner.judge.errors import StudentCrashed
from runner.judge.session import StudentSession


class FlakyTransport:
    def __init__(self, failures):
        self.failures = list(failures)
        self.loads = 0

    def request(self, payload, timeout):
        self.loads += 1
        if self.failures:
            error = StudentCrashed("exit code 137")
            error.killed = self.failures.pop(0)
            raise error
        return wire.encode({"ok": True, "output": "", "dropped": 0})

    def restart(self):
        pass


@pytest.mark.parametrize("failures, loaded, loads", [([True], True, 2), ([True, True], False, 2), ([False], False, 1)])
def test_one_retry_for_a_kill_from_outside(failures, loaded, loads):
    transport = FlakyTransport(failures)
    failure = StudentSession(transport, "x = 1\n", call_seconds=3).load()
    assert (failure is None) == loaded and transport.loads == loads
    if not loaded:
        assert failure.kind == "crash"
