"""Replaces each .py in a zip archive (the stdlib zip or a wheel) with its .pyc; runs inside Pyodide.

Python 3.12 in Pyodide 0.27.7 would otherwise compile every module from source at each page load: most of
its start-up time (issue 6). The .pyc files are sourceless and timestamp-free, the form zipimport and
importlib's SourcelessFileLoader load without looking for a source; their code objects carry the path the
.py would have had, so tracebacks still name the right file. A wheel's RECORD is rewritten to match.
"""
import base64
import hashlib
import importlib._bootstrap_external as external

from archive import read_entries, write_entry, writing


def _pyc(source, filename):
    code = compile(source, filename, "exec", dont_inherit=True, optimize=0)
    return bytes(external._code_to_timestamp_pyc(code, 0, 0))


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_archive(path, prefix):
    """Rewrite the archive at `path`; `prefix` is the directory its files are found under at run time."""
    entries = read_entries(path)
    compiled = 0
    written = {}
    record = None
    with writing(path) as target:
        for info, data in entries:
            name = info.filename
            if name.endswith(".dist-info/RECORD"):
                record = info
                continue
            if name.endswith(".py"):
                data = _pyc(data, f"{prefix}/{name}")
                name += "c"
                compiled += 1
            write_entry(target, name, info, data)
            written[name] = data
        if record is not None:
            lines = [_record_line(name, data) for name, data in written.items()] + [f"{record.filename},,"]
            write_entry(target, record.filename, record, "\n".join(lines) + "\n")
    return f"{compiled} modules compiled"
