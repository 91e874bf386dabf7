"""Pyodide transport: the student interpreter is a second Pyodide instance, reached through a JS bridge.

The engine (runner/pyodide_engine/engine.mjs) registers the JS module `_runner_bridge` in the judge instance; its
`request(bytes, timeout_ms)` runs the student's handler synchronously under an interrupt deadline and
answers {status, reply, detail}. A dead student instance is replaced by the engine (see `restart`).
"""
from runner.judge.errors import StudentCrashed, StudentStarved, StudentTimeout


class BridgeTransport:
    def __init__(self):
        import _runner_bridge

        self.bridge = _runner_bridge

    def request(self, payload, timeout):
        from pyodide.ffi import to_js

        try:
            answer = self.bridge.request(to_js(payload), int(timeout * 1000))
        except Exception as error:  # a JS error from the bridge means the student side is gone
            raise StudentCrashed(f"the student interpreter failed ({str(error).splitlines()[0][:200]})") from None
        status = answer.status
        if status == "ok":
            return answer.reply.to_bytes()
        if status == "timeout":
            raise StudentTimeout("time limit")
        if status == "starved":
            raise StudentStarved("no fresh student interpreter was ready yet")
        raise StudentCrashed(str(answer.detail or "the student interpreter stopped"))

    def restart(self):
        self.bridge.restart()

    def close(self):
        pass
