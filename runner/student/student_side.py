"""Runs inside the student interpreter: imports solution.py and answers the judge's calls with data.

Every request and reply is a wire message. Nothing here decides a verdict: whatever solution.py does to
this interpreter (patching NumPy, builtins, this module) can only change the data sent back, which the
judge checks on its own side.
"""
import builtins
import io
import linecache
import sys
import traceback
import types

from runner.shared import wire
from runner.shared.wire_decode import decode

FILENAME = "solution.py"
OUTPUT_LIMIT = 8000
_BUILTINS = dict(builtins.__dict__)  # restored after student code runs, so the reply can still be encoded
_BUILTIN_NAMES, _BUILTIN_VALUES = tuple(_BUILTINS), tuple(_BUILTINS.values())
_len, _all, _map = len, all, map
from operator import is_ as _is  # noqa: E402 (beside the names it guards)


class CappedOutput(io.TextIOBase):
    """A text stream that keeps the first OUTPUT_LIMIT characters and counts the rest."""

    def __init__(self):
        self.parts = []
        self.kept = 0
        self.dropped = 0

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        room = OUTPUT_LIMIT - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def flush(self):
        pass

    def text(self):
        return "".join(self.parts)


def _exception_info(error, files=(FILENAME,)):
    """Type, message and a traceback trimmed to the frames of `files` (solution.py, and the earlier steps' code
    it imports), as plain data."""
    cls = type(error)
    builtin = next((c.__name__ for c in cls.__mro__ if c.__module__ == "builtins"), "BaseException")
    try:
        message = str(error)[:2000]
    except BaseException:
        message = "(the exception's message could not be shown)"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename in files]
    line = frames[-1].lineno if frames else getattr(error, "lineno", None)
    lines = ["Traceback (most recent call last):\n"] + traceback.format_list(frames)
    lines.append(f"{cls.__name__}: {message}\n" if message else f"{cls.__name__}\n")
    return {
        "type": str(cls.__name__)[:200],
        "builtin": builtin,
        "message": message,
        "traceback": "".join(lines) if frames else "",
        "line": line if type(line) is int else None,
    }


# The earlier steps' modules the last load installed (issue 36): each load replaces them, and fingerprint()
# reads past them as it does past solution.
STEP_MODULES = set()


class StudentRuntime:
    """Holds the student's module; `handle` turns one request into one reply."""

    def __init__(self):
        self.module = None
        self.files = (FILENAME,)

    def handle(self, request_bytes):
        try:
            request = decode(request_bytes)
            op = request.get("op")
            if op == "load":
                reply = self.load(request["source"], request.get("modules"))
            elif op == "call":
                reply = self.call(request["name"], request["args"], request["kwargs"])
            elif op == "info":
                reply = self.info()
            else:
                reply = {"ok": False, "kind": "protocol", "message": f"unknown op {op!r}"}
        except BaseException as error:  # the reply must go out whatever happened
            reply = {"ok": False, "kind": "protocol", "message": f"{type(error).__name__}: {error}"[:2000]}
        return wire.encode(reply)

    def info(self):
        import platform

        numpy = sys.modules.get("numpy")
        return {"ok": True, "python": platform.python_version(),
                "numpy": getattr(numpy, "__version__", None)}

    def load(self, source, modules=None):
        """Import `source` as solution.py, after `modules` ({name: source}, the earlier steps' code it may import
        by those names: the references, or the student's own in a capstone)."""
        sys.modules.pop("solution", None)
        self.module = None
        self.out = CappedOutput()  # what solution.py and the modules it imports print while imported
        for name in STEP_MODULES:
            sys.modules.pop(name, None)
        STEP_MODULES.clear()
        modules = modules if type(modules) is dict else {}
        self.files = (FILENAME, *(f"{name}.py" for name in modules))
        for name, text in modules.items():
            if type(name) is not str or not name.isidentifier() or name in sys.modules or type(text) is not str:
                return {"ok": False, "kind": "protocol", "message": f"cannot install a module named {name!r}"}
            module, failed = self._import(name, f"{name}.py", text)
            if failed is not None:
                return failed
            STEP_MODULES.add(name)
        self.module, failed = self._import("solution", FILENAME, source)
        return failed or {"ok": True, "output": self.out.text(), "dropped": self.out.dropped}

    def _import(self, name, filename, source):
        """(the module, None) once `source` ran as `name` (in sys.modules from the start, as an import has it),
        or (None, the failure's reply)."""
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            code = compile(source, filename, "exec", dont_inherit=True)
        except SyntaxError as error:
            return None, {"ok": False, "kind": "syntax", "type": type(error).__name__, "file": filename,
                          "message": str(error.msg), "line": error.lineno, "offset": error.offset,
                          "text": (error.text or "").rstrip("\n")[:500], "output": self.out.text(),
                          "dropped": self.out.dropped}
        module = types.ModuleType(name)
        module.__file__ = filename
        sys.modules[name] = module
        error = _run_captured(self.out, exec, code, module.__dict__)
        if error is not None:
            sys.modules.pop(name, None)
            return None, {"ok": False, "kind": "exception", "file": filename, **_exception_info(error, self.files),
                          "output": self.out.text(), "dropped": self.out.dropped}
        return module, None

    def call(self, name, args, kwargs):
        """Call solution.py's `name`, or "step.name": that function of an earlier step's module this load
        installed (a capstone's hints replay each piece's own checks)."""
        owner, _, name = name.rpartition(".")
        module = sys.modules.get(owner) if owner in STEP_MODULES else None if owner else self.module
        function = getattr(module, name, None) if module is not None else None
        if not callable(function):
            return {"ok": False, "kind": "missing", "message": f"{owner or 'solution'}.py does not define {name}()"}
        out = CappedOutput()
        result = []
        before = [_array_state(arg) for arg in args]
        error = _run_captured(out, lambda: result.append(function(*args, **kwargs)))
        reply = {"output": out.text(), "dropped": out.dropped}
        # Only the arrays the call changed go back (the judge mirrors them into its own): sending every
        # argument again was a fifth of each call's wire time (issue 6).
        changed = [arg if state is not None and _array_state(arg) != state else None for arg, state in zip(args, before)]
        if any(arg is not None for arg in changed):
            reply["args_after"] = changed
        if error is not None:
            kind = "not_implemented" if isinstance(error, NotImplementedError) else "exception"
            return {"ok": False, "kind": kind, **_exception_info(error, self.files), **reply}
        return {"ok": True, "result": result[0], **reply}


def fingerprint():
    """A digest of the interpreter state a solution could change to affect a later run in this interpreter:
    the namespace of every loaded module (which objects its names are bound to, in order), sys's hooks and
    paths, the RNG states, NumPy's error and print settings. Equal before and after a run means the
    interpreter may be reused (the page does; the command line never reuses one). Only real modules' dicts
    are read: anything else a solution put into sys.modules counts by identity, and runs none of its code."""
    import hashlib
    import random

    import numpy as np

    rng = np.random.get_state(legacy=False)
    # the generator's key as bytes: its repr (624 numbers through NumPy's printing) took 2/3 of the old check
    parts = [[id(x) for x in (sys.gettrace(), sys.getprofile(), sys.displayhook, sys.excepthook,
                              sys.stdout, sys.stderr)] + [id(x) for x in sys.meta_path] + list(sys.path),
             rng["state"]["key"].tobytes(), rng["state"]["pos"], rng["has_gauss"], rng["gauss"],
             random.getstate(), np.geterr(), sorted(np.get_printoptions().items(), key=lambda item: item[0])]
    digest = hashlib.sha256(repr(parts).encode())
    # after everything else: reading the settings the first time may import modules
    for name, module in list(sys.modules.items()):
        if name == "solution" or name in STEP_MODULES:
            continue
        if type(module) is not types.ModuleType:
            digest.update(f"{name}={id(module)};".encode())
            continue
        namespace = module.__dict__
        names, values = list(namespace), list(map(id, namespace.values()))
        if "__warningregistry__" in namespace:  # warnings record where they were shown: not a change
            index = names.index("__warningregistry__")
            del names[index], values[index]
        digest.update(repr((name, names, values)).encode())
    return digest.hexdigest()


def _run_captured(out, function, *args):
    """Run function(*args) with stdout/stderr captured into `out`; return the exception it raised, if any."""
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = out
    try:
        function(*args)
    except BaseException as error:  # SystemExit, KeyboardInterrupt and custom BaseExceptions are verdicts too
        return error
    finally:
        sys.stdout, sys.stderr = saved
        _restore_builtins()
    return None


def _array_state(value, nested=True):
    """What an in-place change to an array argument alters, or to the arrays of a tuple or list argument (a
    network's params); None for anything else: the judge only mirrors arrays back."""
    numpy = sys.modules.get("numpy")
    if numpy is not None and type(value) is numpy.ndarray:
        return value.dtype.str, value.shape, value.tobytes()
    if nested and type(value) in (tuple, list):
        states = [_array_state(item, nested=False) for item in value]
        return states if any(state is not None for state in states) else None
    return None


def _restore_builtins():
    current = builtins.__dict__
    # Most calls change nothing: the same names bound to the same objects, checked at C speed (identity only:
    # comparing values with == could run code a solution put into builtins).
    # The functions used are the ones bound at import, before any student code ran.
    if (_len(current) == _len(_BUILTINS) and _all(_map(_is, current, _BUILTIN_NAMES))
            and _all(_map(_is, current.values(), _BUILTIN_VALUES))):
        return
    for name, value in _BUILTINS.items():
        if current.get(name) is not value:
            current[name] = value
