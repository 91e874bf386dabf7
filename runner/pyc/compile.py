"""Replaces each .py in a zip archive (the stdlib zip or a wheel) with its .pyc; runs inside Pyodide.

Python 3.12 in Pyodide 0.27.7 would otherwise compile every module from source at each page load: most of
its start-up time (issue 6). The .pyc files are sourceless and timestamp-free, the form zipimport and
importlib's SourcelessFileLoader load without looking for a source; their code objects carry the path the
.py would have had, so tracebacks still name the right file. A wheel's RECORD is rewritten to match.
"""
import base64
import hashlib
import importlib._bootstrap_external as external
import io
import zipfile


def _pyc(source, filename):
    code = compile(source, filename, "exec", dont_inherit=True, optimize=0)
    return bytes(external._code_to_timestamp_pyc(code, 0, 0))


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_archive(path, prefix):
    """Rewrite the archive at `path`; `prefix` is the directory its files are found under at run time."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    out = io.BytesIO()
    compiled = 0
    written = {}
    record = None
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info, data in entries:
            name = info.filename
            if name.endswith(".dist-info/RECORD"):
                record = info
                continue
            if name.endswith(".py"):
                data = _pyc(data, f"{prefix}/{name}")
                name += "c"
                compiled += 1
            copy = zipfile.ZipInfo(name, info.date_time)
            copy.external_attr = info.external_attr
            copy.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(copy, data)
            written[name] = data
        if record is not None:
            lines = [_record_line(name, data) for name, data in written.items()] + [f"{record.filename},,"]
            copy = zipfile.ZipInfo(record.filename, record.date_time)
            copy.external_attr = record.external_attr
            copy.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(copy, "\n".join(lines) + "\n")
    with open(path, "wb") as stream:
        stream.write(out.getvalue())
    return f"{compiled} modules compiled"
