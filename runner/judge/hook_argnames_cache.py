"""Remembers the argument names pluggy reads from each hook function, so the judge's re-runs stop re-reading them.

Each pytest run registers its new plugin objects (session, terminal reporter, logging, the results reporter),
and pluggy reads the signature of every hook method on them with `inspect.signature`: a tenth of a passing
re-run in Pyodide (issue 6). The names depend only on the function under the bound method, so they are kept
per function (weakly: a function that goes away takes its entry with it). Classes and other callables are
read as before. Relies on pluggy 1.5's module-level `varnames`, which HookImpl and HookCaller look up at
each call (pinned in runner/assembly/pyodide-wheels.txt).
"""
import types
import weakref

import pluggy._hooks

_read_argnames = pluggy._hooks.varnames
_known = weakref.WeakKeyDictionary()  # function -> {is a bound method: (argnames, kwargnames)}


def _varnames(func):
    method = type(func) is types.MethodType
    function = func.__func__ if method else func
    if type(function) is not types.FunctionType:
        return _read_argnames(func)
    by_kind = _known.setdefault(function, {})
    if method not in by_kind:
        by_kind[method] = _read_argnames(func)
    return by_kind[method]


def install():
    pluggy._hooks.varnames = _varnames
