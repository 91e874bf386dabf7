"""What a call into the student interpreter can end in, as exceptions raised on the judge's side."""


class StudentError(Exception):
    """The student's code did not return a value; `kind` says why, `traceback` is trimmed to solution.py."""

    kind = "exception"

    def __init__(self, message, *, traceback="", line=None, student_type=None):
        super().__init__(message)
        self.message = message
        self.traceback = traceback
        self.line = line
        self.student_type = student_type


class StudentException(StudentError):
    """solution.py raised an exception."""


class StudentNotImplemented(StudentException, NotImplementedError):
    kind = "not_implemented"


class StudentMissing(StudentError):
    kind = "missing"


class StudentImportFailed(StudentError):
    kind = "import"


class StudentTimeout(StudentError):
    kind = "timeout"


class StudentCrashed(StudentError):
    kind = "crash"
    killed = False  # ended by SIGKILL from outside its code's reach (transport_process.py): worth one retry


class StudentStarved(StudentError):
    """No student interpreter was ready: the previous one crashed earlier in this run and the fresh one is
    still loading. The engine runs this test again once one is ready (runner/pyodide_engine/engine.mjs)."""

    kind = "crash"


_BUILTIN_MIXINS = {}


def student_exception(builtin_name, message, **details):
    """A StudentException that is also the builtin exception it derives from (e.g. ValueError), so a
    hidden test can write `pytest.raises(ValueError)`; BaseException-only types (SystemExit, ...) are not
    mirrored: they must never stop the judge."""
    import builtins

    base = getattr(builtins, builtin_name, None)
    if not (isinstance(base, type) and issubclass(base, Exception)) or base is Exception:
        return StudentException(message, **details)
    if base is NotImplementedError:
        return StudentNotImplemented(message, **details)
    try:
        cls = _BUILTIN_MIXINS.get(base)
        if cls is None:
            cls = type(f"Student{base.__name__}", (StudentException, base), {})
            _BUILTIN_MIXINS[base] = cls
        return cls(message, **details)
    except Exception:  # a type that cannot be mixed in or made from one message (UnicodeDecodeError, ...)
        return StudentException(message, **details)
