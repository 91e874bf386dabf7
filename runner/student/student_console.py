"""The page's console (issue 29), inside the student interpreter only: runs what the student types against
their solution.py and answers with text (never objects). The judge never sees it, and no grade reads it: the
next run grades in an interpreter the console left clean, or in a fresh one (runner/pyodide_engine/engine.mjs).

Each entry runs in one namespace kept between entries: solution.py's public names and `np`. The value of a
last line that is an expression is shown, as in Python's own console; printed text is capped like a test's;
a traceback keeps only the frames of solution.py and of the console's own input."""
import ast
import json
import linecache
import sys
import traceback

from runner.student.student_side import FILENAME, CappedOutput, StudentRuntime, _run_captured

CONSOLE = "<console>"
VALUE_LIMIT = 4000  # characters of an expression's repr shown
_MISSING = object()


class StudentConsole:
    def __init__(self):
        self.runtime = StudentRuntime()  # its own: it imports solution.py as the tests' does
        self.source = None
        self.namespace = {}

    def _load(self, source, modules):
        """Import `source` as solution.py (after `modules`, the earlier steps' code it may import) when it
        changed since the last entry; None, or the reply for a solution that cannot be imported."""
        if source == self.source and self.runtime.module is not None:
            return None
        self.source = None
        reply = self.runtime.load(source, modules)
        if not reply.get("ok"):
            return {"ok": False, "output": reply.get("output", ""), "dropped": reply.get("dropped", 0), "value": None,
                    "error": _load_error(reply)}
        self.source = source
        module = self.runtime.module
        names = getattr(module, "__all__", None) or [name for name in vars(module) if not name.startswith("_")]
        self.namespace.update({name: getattr(module, name) for name in names if hasattr(module, name)})
        numpy = sys.modules.get("numpy")
        if numpy is not None:
            self.namespace.setdefault("np", numpy)
        self.namespace.setdefault("compare", compare)
        self.namespace.setdefault("__name__", "__console__")
        return None

    def run(self, source, entry, modules=None):
        """The reply to one entry: {ok, output, dropped, value, error}."""
        failed = self._load(source, modules)
        if failed is not None:
            return failed
        linecache.cache[CONSOLE] = (len(entry), None, entry.splitlines(True), CONSOLE)  # for tracebacks
        try:
            body, last = _split(entry)
        except SyntaxError as error:
            return {"ok": False, "output": "", "dropped": 0, "value": None,
                    "error": {"type": "SyntaxError", "message": str(error.msg), "line": error.lineno,
                              "traceback": _syntax_text(error)}}
        out = CappedOutput()
        value = [_MISSING]

        def execute():
            if body is not None:
                exec(body, self.namespace)
            if last is not None:
                value[0] = eval(last, self.namespace)

        error = _run_captured(out, execute)
        reply = {"ok": error is None, "output": out.text(), "dropped": out.dropped, "value": None, "error": None}
        if error is not None:
            reply["error"] = _error_info(error)
        elif value[0] is not _MISSING and value[0] is not None:
            reply["value"] = _shown(value[0])
        return reply


class Comparison:
    """What compare() returns: shown as what came back next to what was expected, differences marked."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def compare(got, expected, atol=0.0):
    """What a call returned next to what the test expected, and where they differ (for "Try this input")."""
    import numpy as np

    lines = [f"got:      {_array_text(got)}", f"expected: {_array_text(expected)}"]
    try:
        got_array = np.asarray(got)
        if got_array.shape != np.shape(expected):
            lines.append(f"differ: the shapes ({got_array.shape} returned, {np.shape(expected)} expected)")
        else:
            same = np.isclose(got_array, expected, rtol=0.0, atol=atol, equal_nan=True) if atol else (
                (got_array == expected) | (np.isnan(got_array) & np.isnan(expected)))
            wrong = np.argwhere(~np.asarray(same, dtype=bool))
            if len(wrong) == 0:
                lines.append("same values" + (" (but the dtypes differ: "
                             f"{got_array.dtype} returned, {np.asarray(expected).dtype} expected)"
                             if got_array.dtype != np.asarray(expected).dtype else ""))
            for index in map(tuple, wrong[:10].tolist()):
                lines.append(f"  differs at {index if index else 'the only element'}: got {got_array[index]!r}, "
                             f"expected {np.asarray(expected)[index]!r}")
            if len(wrong) > 10:
                lines.append(f"  ... and {len(wrong) - 10} more of {got_array.size} elements")
    except Exception as error:  # a result NumPy cannot compare (a list of strings, an object, ...)
        lines.append(f"could not compare them ({type(error).__name__}: {str(error)[:200]})")
    return Comparison("\n".join(lines))


def _array_text(value):
    text = _shown(value)
    return text.replace("\n", "\n          ")


def _split(entry):
    """(code for all but a last expression, code for that expression), compiled; either may be None."""
    tree = ast.parse(entry, CONSOLE, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = compile(ast.Expression(tree.body.pop().value), CONSOLE, "eval")
    body = compile(tree, CONSOLE, "exec") if tree.body else None
    return body, last


def _shown(value):
    """repr(value), capped; a repr that fails is reported, not raised."""
    try:
        text = repr(value)
    except BaseException as error:  # a student's __repr__ may raise anything
        text = f"(the value could not be shown: {type(error).__name__})"
    return text if len(text) <= VALUE_LIMIT else text[:VALUE_LIMIT] + f"… ({len(text) - VALUE_LIMIT} more characters)"


def _error_info(error):
    """Type, message, the line of solution.py it happened on, and a traceback of solution.py's and the
    console's frames only (the harness's own are noise to a student)."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename in (FILENAME, CONSOLE)]
    try:
        message = str(error)[:2000]
    except BaseException:
        message = "(the exception's message could not be shown)"
    name = type(error).__name__
    lines = ["Traceback (most recent call last):\n"] + traceback.format_list(frames) if frames else []
    lines.append(f"{name}: {message}\n" if message else f"{name}\n")
    in_solution = [f.lineno for f in frames if f.filename == FILENAME]
    return {"type": name, "message": message, "line": in_solution[-1] if in_solution else None,
            "traceback": "".join(lines)}


def _syntax_text(error):
    text = (error.text or "").rstrip("\n")
    pointer = f"\n    {text.strip()}\n    {' ' * max(0, (error.offset or 1) - 1 - (len(text) - len(text.lstrip())))}^" if text else ""
    return f'  File "{CONSOLE}", line {error.lineno}{pointer}\nSyntaxError: {error.msg}\n'


def _load_error(reply):
    """The console's error for a solution.py that could not be imported (StudentRuntime.load's reply)."""
    where = f" (line {reply['line']})" if reply.get("line") else ""
    if reply.get("kind") == "syntax":
        message = f"solution.py has a {reply.get('type', 'SyntaxError')}{where}: {reply.get('message', '')}"
        return {"type": reply.get("type", "SyntaxError"), "message": message, "line": reply.get("line"),
                "traceback": message + "\n"}
    message = f"solution.py raised {reply.get('type', 'an exception')} while being imported{where}: {reply.get('message', '')}"
    return {"type": reply.get("type", "Exception"), "message": message, "line": reply.get("line"),
            "traceback": (reply.get("traceback") or "") or message + "\n"}


_console = None


def console_json(source, entry, modules_json="{}"):
    """The page's entry point (runner/pyodide_engine/engine.mjs): the reply to one entry, as JSON text.
    modules_json: the earlier steps' modules solution.py may import ({name: source}, the bundle's "imports")."""
    global _console
    if _console is None:
        _console = StudentConsole()
    return json.dumps(_console.run(str(source), str(entry), json.loads(str(modules_json))))
