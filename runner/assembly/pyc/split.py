"""Splits compiled archives into what a session imports (served up front) and the rest, which goes into one
archive fetched only if something imports from it (runner/shared/lazy_modules.py). Runs inside Pyodide.

Kept up front: the modules the warm-up imported, every compiled extension (.so: Pyodide loads a package's
libraries when the package loads), package metadata, and the directory entries of what is kept (an empty
directory left behind would import as a namespace package and hide the real one in the rest archive).
The rest archive holds files at their installed paths (lib/python3.12/...); its index maps each module
name to its file.
"""
import json

from archive import read_entries, write_entry, writing


def _installed(prefix, name):
    # The stdlib zip is imported in place (/lib/python312.zip); its rest is unpacked next to it.
    if prefix.endswith(".zip"):
        return "lib/python3.12/" + name
    return prefix.strip("/") + "/" + name


def _module_name(path):
    parts = path.split("/")
    base = parts.index("python3.12") + 1
    if parts[base:base + 1] == ["site-packages"]:
        base += 1
    names = parts[base:]
    names[-1] = names[-1][: -len(".pyc")]
    if names[-1] == "__init__":
        names.pop()
    return ".".join(names)


def split(archives, used_files, rest_path):
    """archives: [(path, prefix)]; used_files: the __file__ of every module the warm-up imported.
    Rewrites each archive with the files kept up front, writes the rest to rest_path; returns the index."""
    used = set(used_files)
    modules = {}
    moved_total = 0
    with writing(rest_path) as rest_zip:
        for path, prefix in archives:
            entries = read_entries(path)
            kept_files = [info.filename for info, _ in entries
                          if not info.filename.endswith("/") and _kept(info.filename, prefix, used)]
            with writing(path) as target:
                for info, data in entries:
                    name = info.filename
                    if name.endswith("/"):
                        if any(file.startswith(name) for file in kept_files):
                            write_entry(target, name, info, data)
                        continue
                    if name.endswith(".dist-info/RECORD"):
                        data = _drop_from_record(data, prefix, used)
                    if _kept(name, prefix, used):
                        write_entry(target, name, info, data)
                        continue
                    installed = _installed(prefix, name)
                    write_entry(rest_zip, installed, info, data)
                    moved_total += 1
                    if name.endswith(".pyc"):
                        modules[_module_name(installed)] = installed
    return {"modules": dict(sorted(modules.items())), "files": moved_total}


def _kept(name, prefix, used):
    return name.endswith(".so") or ".dist-info/" in name or f"{prefix}/{name}" in used


def _drop_from_record(record, prefix, used):
    lines = [line for line in record.decode().splitlines() if _kept(line.split(",")[0], prefix, used)]
    return ("\n".join(lines) + "\n").encode()


def split_json(archives_json, used_json, rest_path):
    return json.dumps(split(json.loads(archives_json), json.loads(used_json), rest_path))
