"""What a grading session imports, run once at assembly inside Pyodide to decide which compiled modules
are served up front (runner/assembly/pyc/split.py); every other module stays importable from the lazily fetched
rest archive (runner/shared/lazy_modules.py). Missing something here costs speed, never correctness:
tests/test_pyodide_dist.py checks that grading the exercise does not reach for the rest archive."""
import importlib
import os
import sys

# The harness's and the hidden tests' own imports, modules students commonly use, and the codecs a string
# method may look up at run time.
MODULES = """
atexit builtins dataclasses hashlib inspect io json linecache os pathlib platform random struct sys tempfile
time traceback types ast dis textwrap pprint copy functools itertools operator collections collections.abc
typing math cmath statistics fractions decimal numbers bisect heapq array string re enum abc contextlib
warnings weakref timeit datetime keyword tokenize
encodings.aliases encodings.ascii encodings.latin_1 encodings.utf_8 encodings.utf_8_sig encodings.utf_16
encodings.utf_32 encodings.cp1252 encodings.unicode_escape encodings.raw_unicode_escape
numpy numpy.testing numpy.linalg numpy.fft numpy.random numpy.polynomial numpy.ma
pytest pyodide.ffi pyodide.code
""".split()

TEST = '''
import numpy as np
import pytest


def test_passes():
    """A docstring the reporter reads."""
    x = np.random.default_rng(0).normal(size=(3, 4)).astype(np.float32)
    np.testing.assert_allclose(np.maximum(x, 0), np.where(x > 0, x, 0), atol=1e-6)
    assert np.isclose(float(x.sum()), float(x.sum())) and repr(x) and str(x.dtype)


@pytest.mark.parametrize("value", [1, 2])
def test_fails(value):
    assert np.array_equal(np.arange(value), np.arange(3)), f"{np.arange(value)!r}"


def test_raises():
    with pytest.raises(ValueError):
        np.zeros(2) + np.zeros(3)
'''


def run(pytest_args):
    """pytest_args: the judge's arguments (runner/judge/pytest_args.py), which decide the plugins imported;
    their first is the directory the warm-up's tests are written to."""
    for name in MODULES:
        importlib.import_module(name)
    directory = pytest_args[0]
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "test_warm_up.py"), "w") as stream:
        stream.write(TEST)
    import io
    import pytest
    from _pytest.config import _prepareconfig  # noqa: F401  (runner/judge/pytest_session.py)

    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        pytest.main(pytest_args)
    finally:
        sys.stdout, sys.stderr = saved
    return sorted({getattr(module, "__file__", None) or "" for module in list(sys.modules.values())} - {""})
