"""The judge's side of one run: loads solution.py into the student interpreter and makes calls into it.

`proxy_module()` builds the `solution` module the hidden tests import: each of its functions sends the
arguments to the student interpreter as data, and brings back the result as data, the student's printed
output, and the arguments' contents after the call (copied into the caller's arrays, so a test sees an
input that solution.py mutated).
"""
import hashlib
import time
import types

from runner.shared import wire
from runner.shared.wire_decode import decode
from runner.judge.errors import (StudentCrashed, StudentError, StudentImportFailed, StudentMissing,
                                   StudentNotImplemented, StudentTimeout, student_exception)

OUTPUT_CAP = 4000
# What the judge keeps of a reply's texts (issue 27): a student who replaces its side of the wire can send
# anything, and nothing it sends may grow on the judge's side beyond what a message can show.
MESSAGE_CAP = 10_000
TRACEBACK_CAP = 20_000
NAME_CAP = 200
MAX_LINE = 10_000_000


def _text(reply, key, cap):
    """reply[key] as a string of at most `cap` characters ("" when it is not a string)."""
    value = reply.get(key)
    return value[:cap] if type(value) is str else ""


def _count(reply, key, limit):
    """reply[key] when it is a whole number from 1 to `limit` (a line, an offset), else None."""
    value = reply.get(key)
    return value if type(value) is int and 1 <= value <= limit else None


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
    def __init__(self, transport, source, *, call_seconds, run_deadline=None, packages=(), modules=None):
        self.transport = transport
        self.source = source
        self.modules = dict(modules or {})  # {name: source}: the earlier steps' code solution.py may import
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
        text = _text(reply, "output", OUTPUT_CAP + 1)
        held = sum(map(len, self.output))
        if text and held <= OUTPUT_CAP:
            self.output.append(text)
        else:
            self.dropped += len(text)
        self.dropped += _count(reply, "dropped", 1 << 50) or 0

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
        reply = decode(self.transport.request(request, timeout))
        if type(reply) is not dict:
            raise StudentCrashed("the student interpreter sent a malformed reply")
        return reply

    def load(self):
        """Import solution.py in the student interpreter; return None or a LoadFailure."""
        request = {"op": "load", "source": self.source, **({"modules": self.modules} if self.modules else {})}
        try:
            try:
                reply = self._request(request, self._timeout())
            except StudentCrashed as error:
                if not error.killed:
                    raise
                reply = self._request(request, self._timeout())  # a fresh process
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
        line = _count(reply, "line", MAX_LINE)
        error_type = _text(reply, "type", NAME_CAP)
        shown = f"{name}.py" if (name := _text(reply, "file", NAME_CAP)[:-3]) in self.modules else "solution.py"
        editor_line = line if shown == "solution.py" else None  # the editor shows solution.py only
        if kind == "syntax":
            where = f" on line {line}" if line else ""
            text = _text(reply, "text", 500)
            pointer = ""
            offset = _count(reply, "offset", len(text) + 1)
            if text and offset:
                pointer = "\n    " + text.strip() + "\n    " + " " * max(0, offset - 1 - (len(text) - len(text.lstrip()))) + "^"
            summary = f"{shown} has a {error_type or 'SyntaxError'}{where}"
            self.load_failure = LoadFailure("syntax", f"{summary}: {_text(reply, 'message', MESSAGE_CAP)}{pointer}",
                                            editor_line, summary=summary)
        else:
            message = _text(reply, "message", MESSAGE_CAP)
            if error_type == "ModuleNotFoundError":
                message = missing_module_note(message, self.packages)
            summary = (f"{shown} raised {error_type or 'an exception'} while being imported"
                       f"{f' (line {line})' if line else ''}")
            self.load_failure = LoadFailure("import", f"{summary}: {message}", editor_line,
                                            _text(reply, "traceback", TRACEBACK_CAP), summary=summary)
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


def _copy_back(args, after, nested=True):
    """Mirror in-place changes the student made to array arguments, or to the arrays of a tuple or list argument,
    into the caller's arrays (what came back is the student's: only an array of the very shape and dtype is
    copied, one level deep)."""
    if type(after) is not list or len(after) != len(args):
        return
    import numpy as np

    for original, changed in zip(args, after):
        if nested and type(original) in (tuple, list) and type(changed) in (tuple, list):
            _copy_back(list(original), list(changed), nested=False)
        elif (type(original) is np.ndarray and isinstance(changed, np.ndarray)
                and changed.shape == original.shape and changed.dtype == original.dtype
                and original.flags.writeable
                and not np.array_equal(original, changed, equal_nan=original.dtype.kind in "fc")):
            original[...] = changed


def _error_from_reply(name, reply, packages=()):
    kind = reply.get("kind")
    details = {"traceback": _text(reply, "traceback", TRACEBACK_CAP), "line": _count(reply, "line", MAX_LINE),
               "student_type": _text(reply, "type", NAME_CAP)}
    if kind == "missing":
        return StudentMissing(f"solution.py does not define a function named {name}")
    if kind == "not_implemented":
        return StudentNotImplemented(
            f"{name}() is not implemented yet: it raises NotImplementedError. Replace that line with your code.",
            **details)
    if kind == "exception":
        student_type = details["student_type"] or "an exception"
        message = _text(reply, "message", MESSAGE_CAP)
        if student_type == "ModuleNotFoundError":
            message = missing_module_note(message, packages)
        text = f"{name}() raised {student_type}" + (f": {message}" if message else "")
        return student_exception(_text(reply, "builtin", NAME_CAP), text, **details)
    return StudentCrashed(f"{name}(): {_text(reply, 'message', MESSAGE_CAP) or 'the student interpreter failed'}")


def proxy_module(session, functions):
    """A `solution` module whose functions run in the student interpreter. Its `steps` reach the earlier steps'
    modules solution.py was loaded with: `steps.linear.linear_backward(...)` calls that function as the student
    interpreter has it (a capstone's tests check each piece it trained on)."""
    module = types.ModuleType("solution", "solution.py, running in the student interpreter")
    module.__file__ = "solution.py"
    module.__session__ = session
    for name in functions:
        module.__dict__[name] = _proxy_function(session, name)
    module.steps = types.SimpleNamespace(**{name: _StepModule(session, name) for name in session.modules})
    return module


class _StepModule:
    """An earlier step's module in the student interpreter: each attribute is a function called there."""

    def __init__(self, session, name):
        self._session, self._name = session, name

    def __getattr__(self, function):
        if function.startswith("_"):
            raise AttributeError(function)
        return _proxy_function(self._session, f"{self._name}.{function}")


def _proxy_function(session, name):
    def call(*args, **kwargs):
        return session.call(name, args, kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"Calls {name}() from solution.py in the student interpreter."
    return call


__all__ = ["StudentSession", "LoadFailure", "proxy_module", "StudentError"]
