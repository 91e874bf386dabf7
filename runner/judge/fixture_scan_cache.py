"""Remembers which fixtures each plugin defines, so that the Pyodide judge's re-runs stop scanning every plugin.

Each pytest session makes a new FixtureManager, which walks `dir()` of every registered plugin (about 30
modules and objects, some 1,700 attributes) looking for fixture markers: the largest fixed cost of a re-run
in the page (issue 6). What the walk finds depends only on the plugin's module or class, so it is kept per
module or class; every session still builds its own FixtureDefs from it with pytest's own
`_register_fixture`, exactly as `FixtureManager.parsefactories` does (pytest 8.3.5, pinned in
runner/assembly/pyodide-wheels.txt). Collection nodes (test modules, classes) are always walked afresh.
"""
import types

from _pytest.compat import NOTSET, get_real_method, safe_getattr, safe_isclass
from _pytest.fixtures import FixtureFunctionMarker, FixtureManager, getfixturemarker

_walk_fixtures = FixtureManager.parsefactories
_found = {}  # module or class -> [(attribute name, its fixture marker)]


def _parsefactories(self, node_or_obj, nodeid=NOTSET):
    if nodeid is NOTSET:  # a collection node
        return _walk_fixtures(self, node_or_obj)
    holder = node_or_obj
    if holder in self._holderobjseen:
        return
    holder_type = holder if safe_isclass(holder) or isinstance(holder, types.ModuleType) else type(holder)
    self._holderobjseen.add(holder)
    found = _found.get(holder_type)
    if found is None:
        found = _found[holder_type] = [
            (name, marker) for name in dir(holder)
            if isinstance(marker := getfixturemarker(safe_getattr(holder_type, name, None)), FixtureFunctionMarker)]
    for name, marker in found:
        func = get_real_method(getattr(holder, name), holder)
        self._register_fixture(name=marker.name or name, nodeid=nodeid, func=func, scope=marker.scope,
                               params=marker.params, ids=marker.ids, autouse=marker.autouse)


def install():
    FixtureManager.parsefactories = _parsefactories
