"""Runs pytest many times on one configuration: the Pyodide judge's re-runs (issue 6).

`pytest.main` parses arguments, loads plugins and imports conftest.py at every call: most of a re-run in
Pyodide. Here that configuration is made once per argument list and each run does what pytest.main does
after it (pytest_cmdline_main: configure, collect, run, unconfigure), then undoes only what that run added:
the plugins it registered (session, terminal reporter, ...), the cleanups it queued and the calls historic
hooks recorded. The cleanups queued while configuring stay, notably the one that removes the
assertion-rewriting import hook.

Test modules are still imported afresh at every run (judge.py forgets them); conftest.py is imported once.
Each session's FixtureManager reuses what earlier ones found in the plugins (fixture_scan_cache.py), and
pluggy reuses the hook signatures it read before (hook_argnames_cache.py).
Relies on pytest 8.3's and pluggy 1.5's internals (`_configured`, `_cleanup`, `_call_history`), pinned in
runner/assembly/pyodide-wheels.txt; tests/test_verdicts.py and tests/test_messages.py run every submission through it.
"""
from _pytest.config import _prepareconfig

from runner.judge import fixture_scan_cache, hook_argnames_cache

_configs = {}


def configuration(args):
    """The configuration for these args, made at the first call (plugins loaded, conftest.py imported)."""
    key = tuple(args)
    if key not in _configs:
        fixture_scan_cache.install()
        hook_argnames_cache.install()
        _configs[key] = _prepareconfig(list(args), [])
    return _configs[key]


def run_pytest(args, reporter):
    """Like pytest.main(args, plugins=[reporter]), reusing the configuration made for these args."""
    config = configuration(args)
    manager = config.pluginmanager
    plugins_before = {id(plugin) for plugin in manager.get_plugins()}
    cleanups_before = len(config._cleanup)
    # Historic hooks (pytest_plugin_registered, ...) remember every call, so a run's session and test
    # modules would stay reachable forever: a leak of about 20 kB per run (issue 6, worker memory).
    # (dir, not vars: a hook caller need not be in the relay's __dict__ yet.)
    callers = [getattr(config.hook, name) for name in dir(config.hook) if name.startswith("pytest_")]
    histories = [(caller, len(caller._call_history)) for caller in callers
                 if getattr(caller, "_call_history", None) is not None]
    manager.register(reporter)
    try:
        return config.hook.pytest_cmdline_main(config=config)
    finally:
        if config._configured:  # as Config._ensure_unconfigure, without the configuration's own cleanups
            config._configured = False
            try:
                config.hook.pytest_unconfigure(config=config)
            finally:
                config.hook.pytest_configure._call_history = []
        while len(config._cleanup) > cleanups_before:
            config._cleanup.pop()()
        for plugin in manager.get_plugins():
            if id(plugin) not in plugins_before:
                manager.unregister(plugin)
        for caller, length in histories:
            if caller._call_history is not None:
                del caller._call_history[length:]
