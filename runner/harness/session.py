"""The judge's side of one run: loads solution.py into the student interpreter and makes calls into it.

`proxy_module()` builds the `solution` module the hidden tests import: each of its functions sends the
arguments to the student interpreter as data, and brings back the result as data, the student's printed
output, and the arguments' contents after the call (copied into the caller's arrays, so a test sees an
input that solution.py mutated).
"""
import hashlib
import time
import types

from runner.harness import wire
from runner.harness.errors import (StudentCrashed, StudentError, StudentImportFailed, StudentMissing,
                                   StudentNotImplemented, StudentTimeout, student_exception)

OUTPUT_CAP = 4000


class LoadFailure:
    """Why solution.py could not be imported, ready to show to the student: `message` in full, once (the
    run's message); `summary` in a few words, for each test that did not run (issue 22: say it once)."""

    def __init__(self, kind, message, line=None, traceback="", summary=None):
        self.kind = kind
        self.message = message
        self.line = line
        self.traceback = traceback
        self.summary = summary or message


def missing_module_note(message, packages):
    """For a ModuleNotFoundError: which packages this exercise's Python has (its requirements)."""
    name = message.split("'")[1] if message.count("'") >= 2 else "that module"
    having = ", ".join(packages) + " and " if packages else ""
    return (f"{message}. This exercise's Python has {having}Python's standard library only: "
            f"{name} cannot be installed here; solve it with what is there.")


class StudentSession:
    def __init__(self, transport, source, *, call_seconds, run_deadline=None, packages=()):
        self.transport = transport
        self.source = source
        self.call_seconds = call_seconds
        self.run_deadline = run_deadline
        self.packages = list(packages)  # the exercise's requirements, named when an import is missing
        self.loaded = False
        self.load_failure = None
        self.output = []
        self.dropped = 0
        self.timeouts = 0
        self.inputs = hashlib.sha256()  # what the calls since take_inputs() sent (validate compares seeds)

    # -- output -------------------------------------------------------------------------------------
    def _collect_output(self, reply):
        text = reply.get("output") or ""
        if type(text) is str and text:
            self.output.append(text)
        dropped = reply.get("dropped")
        if type(dropped) is int and dropped > 0:
            self.dropped += dropped

    def take_output(self):
        """What the student printed since the last call to this, capped, with a note when cut."""
        text = "".join(self.output)
        dropped = self.dropped + max(0, len(text) - OUTPUT_CAP)
        text = text[:OUTPUT_CAP]
        self.output, self.dropped = [], 0
        if dropped:
            text += f"\n[output truncated: {dropped} more characters not shown]"
        return text

    # -- requests -----------------------------------------------------------------------------------
    def _timeout(self):
        if self.run_deadline is None:
            return self.call_seconds
        return max(0.05, min(self.call_seconds, self.run_deadline - time.monotonic()))

    def take_inputs(self):
        """A digest of every call's inputs since the last call to this: two runs whose tests sent the same
        data have the same digests, which is what a memorising solution needs (issue 26)."""
        digest = self.inputs.hexdigest()[:16]
        self.inputs = hashlib.sha256()
        return digest

    def _request(self, message, timeout):
        request = wire.encode(message)
        if message["op"] == "call":
            self.inputs.update(request)
        reply = wire.decode(self.transport.request(request, timeout))
        if type(reply) is not dict:
            raise StudentCrashed("the student interpreter sent a malformed reply")
        return reply

    def load(self):
        """Import solution.py in the student interpreter; return None or a LoadFailure."""
        try:
            reply = self._request({"op": "load", "source": self.source}, self._timeout())
        except StudentTimeout:
            self.load_failure = LoadFailure(
                "timeout", f"solution.py did not finish importing within {self.call_seconds:g} s "
                "(is there an endless loop at the top level of the file?)",
                summary="solution.py did not finish importing")
            return self.load_failure
        except StudentCrashed as error:
            self.load_failure = LoadFailure("crash", f"the Python interpreter stopped while importing "
                                                     f"solution.py ({error.message})",
                                            summary="the Python interpreter stopped while importing solution.py")
            return self.load_failure
        except wire.WireError as error:
            self.load_failure = LoadFailure("crash", f"importing solution.py broke the connection ({error})",
                                            summary="importing solution.py broke the connection")
            return self.load_failure
        self._collect_output(reply)
        if reply.get("ok") is True:
            self.loaded = True
            return None
        kind = reply.get("kind")
        line = reply.get("line") if type(reply.get("line")) is int else None
        if kind == "syntax":
            where = f" on line {line}" if line else ""
            text = reply.get("text") or ""
            pointer = ""
            if text and type(reply.get("offset")) is int and reply["offset"] > 0:
                pointer = "\n    " + text.strip() + "\n    " + " " * (reply["offset"] - 1 - (len(text) - len(text.lstrip()))) + "^"
            summary = f"solution.py has a {reply.get('type', 'SyntaxError')}{where}"
            self.load_failure = LoadFailure("syntax", f"{summary}: {reply.get('message', '')}{pointer}", line,
                                            summary=summary)
        else:
            message = str(reply.get("message", ""))
            if reply.get("type") == "ModuleNotFoundError":
                message = missing_module_note(message, self.packages)
            summary = (f"solution.py raised {reply.get('type', 'an exception')} while being imported"
                       f"{f' (line {line})' if line else ''}")
            self.load_failure = LoadFailure("import", f"{summary}: {message}", line,
                                            str(reply.get("traceback") or ""), summary=summary)
        return self.load_failure

    def call(self, name, args, kwargs):
        if self.load_failure is not None:
            raise StudentImportFailed(f"not run: {self.load_failure.summary}", line=self.load_failure.line)
        if not self.loaded:
            failure = self.load()
            if failure is not None:
                raise StudentImportFailed(f"solution.py could not be imported again after the previous "
                                          f"failure: {failure.message}", line=failure.line)
        started = time.monotonic()
        try:
            reply = self._request({"op": "call", "name": name, "args": list(args), "kwargs": dict(kwargs)},
                                  self._timeout())
        except StudentTimeout:
            self._after_failure()
            self.timeouts += 1
            raise StudentTimeout(
                f"{name}() did not return within {time.monotonic() - started:.1f} s: is there an endless loop?"
            ) from None
        except StudentCrashed as error:
            self._after_failure()
            raise StudentCrashed(f"the Python interpreter running {name}() stopped ({error.message}); "
                                 "it was restarted for the next test") from None
        except wire.WireError as error:
            self._after_failure()
            raise StudentCrashed(f"{name}() sent back something that is not data ({error})") from None
        self._collect_output(reply)
        _copy_back(args, reply.get("args_after"))
        if reply.get("ok") is True:
            return reply.get("result")
        raise _error_from_reply(name, reply, self.packages)

    def _after_failure(self):
        self.transport.restart()
        self.loaded = False

    def close(self):
        self.transport.close()


def _copy_back(args, after):
    """Mirror in-place changes the student made to array arguments into the caller's arrays."""
    if type(after) is not list or len(after) != len(args):
        return
    import numpy as np

    for original, changed in zip(args, after):
        if (type(original) is np.ndarray and isinstance(changed, np.ndarray)
                and changed.shape == original.shape and changed.dtype == original.dtype
                and original.flags.writeable
                and not np.array_equal(original, changed, equal_nan=original.dtype.kind in "fc")):
            original[...] = changed


def _error_from_reply(name, reply, packages=()):
    kind = reply.get("kind")
    details = {"traceback": str(reply.get("traceback") or ""),
               "line": reply.get("line") if type(reply.get("line")) is int else None,
               "student_type": str(reply.get("type") or "")}
    if kind == "missing":
        return StudentMissing(f"solution.py does not define a function named {name}")
    if kind == "not_implemented":
        return StudentNotImplemented(
            f"{name}() is not implemented yet: it raises NotImplementedError. Replace that line with your code.",
            **details)
    if kind == "exception":
        student_type = details["student_type"] or "an exception"
        message = str(reply.get("message") or "")
        if student_type == "ModuleNotFoundError":
            message = missing_module_note(message, packages)
        text = f"{name}() raised {student_type}" + (f": {message}" if message else "")
        return student_exception(str(reply.get("builtin") or ""), text, **details)
    return StudentCrashed(f"{name}(): {reply.get('message', 'the student interpreter failed')}")


def proxy_module(session, functions):
    """A `solution` module whose functions run in the student interpreter."""
    module = types.ModuleType("solution", "solution.py, running in the student interpreter")
    module.__file__ = "solution.py"
    module.__session__ = session
    for name in functions:
        module.__dict__[name] = _proxy_function(session, name)
    return module


def _proxy_function(session, name):
    def call(*args, **kwargs):
        return session.call(name, args, kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"Calls {name}() from solution.py in the student interpreter."
    return call


__all__ = ["StudentSession", "LoadFailure", "proxy_module", "StudentError"]
