"""The way back to every module the served distribution keeps out of its up-front archives: a last-resort
import finder for the modules listed in python_rest.json (runner/assembly/pyc/split.py). The first import of one
fetches python_rest.zip through the host's synchronous `read`, checks its sha256, unpacks it under / and
loads the module from there. Installed in both Pyodide interpreters before anything else is imported."""
import hashlib
import importlib.machinery
import importlib.util
import io
import json
import os
import sys
import zipfile


class RestFinder:
    def __init__(self, index, read):
        self.modules = index["modules"]
        self.sha256 = index["sha256"]
        self.read = read
        self.unpacked = False

    def find_spec(self, fullname, path=None, target=None):
        relative = self.modules.get(fullname)
        if relative is None:
            return None
        self._unpack()
        location = "/" + relative
        package = [os.path.dirname(location)] if location.endswith("/__init__.pyc") else None
        return importlib.util.spec_from_file_location(
            fullname, location, loader=importlib.machinery.SourcelessFileLoader(fullname, location),
            submodule_search_locations=package)

    def _unpack(self):
        if self.unpacked:
            return
        data = self.read().to_bytes()
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise ImportError("python_rest.zip does not match its sha256 in python_rest.json")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.extractall("/")
        importlib.invalidate_caches()
        self.unpacked = True


def install(index_json, read):
    """Append the finder to sys.meta_path: it answers only for modules no other finder found."""
    sys.meta_path.append(RestFinder(json.loads(index_json), read))
