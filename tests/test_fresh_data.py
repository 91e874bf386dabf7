"""The re-grade draws fresh, secret data (issue 26): a hand-in that replays answers recorded from one run of
the hidden tests the page ships gets, at `check`, the verdict of the wrong solution it wraps, in both
engines; the same files pass 5/5 when the re-grade is forced onto the recorded seed, so the seed is what
defeats them."""
import json
import subprocess
import sys

import pytest

from helpers import ROOT

RECORDED_SEED = 424242
IDENTITY = ROOT / "exercise" / "wrong_solutions" / "identity.py"

RECORDER = '''
import json
import numpy as np

_calls = []

def _record(*call):  # written at every call: the grader ends the student process with a kill
    _calls.append(call)
    with open(TABLE, "w") as table:
        table.write(json.dumps(_calls))

def _array(a):
    a = np.array(a, order="C")  # (ascontiguousarray makes a 0-d array 1-d)
    return [a.dtype.str, list(a.shape), a.tobytes().hex()]

def relu(x):
    out = np.maximum(x, 0)
    _record("relu", [_array(x)], _array(out))
    return out

def relu_backward(grad_out, x):
    out = grad_out * (x > 0)
    _record("relu_backward", [_array(grad_out), _array(x)], _array(out))
    return out
'''

# Each memoriser answers from the table when it recognises the call, else as identity.py does (relu(x) = x,
# relu_backward = grad_out).
MEMORISER = '''
import hashlib
import numpy as np

TABLE = __TABLE__

def _load(entry):
    dtype, shape, data = entry
    return np.frombuffer(bytes.fromhex(data), dtype=np.dtype(dtype)).reshape(shape).copy()

def _exact(name, arrays):
    digest = hashlib.sha256(name.encode())
    for a in arrays:
        a = np.array(a, order="C")  # (ascontiguousarray makes a 0-d array 1-d)
        digest.update(a.dtype.str.encode() + repr(a.shape).encode() + a.tobytes())
    return digest.hexdigest()

def _loose(name, arrays):
    x = np.asarray(arrays[-1])
    return repr((name, x.shape, x.dtype.str, x.reshape(-1)[:1].tolist()))

KEYS = {"exact": _exact, "loose": _loose}
KEYING = "__KEYING__"
answers, by_function = {}, {"relu": [], "relu_backward": []}
for name, args, out in TABLE:
    by_function[name].append(_load(out))
    if KEYING in KEYS:
        answers.setdefault(KEYS[KEYING](name, [_load(a) for a in args]), _load(out))
served = {"relu": 0, "relu_backward": 0}

def _answer(name, arrays, fallback):
    if KEYING in KEYS:
        found = answers.get(KEYS[KEYING](name, arrays))
    else:  # the n-th call's recorded answer, when its shape and dtype fit
        index = served[name]
        served[name] += 1
        found = by_function[name][index] if index < len(by_function[name]) else None
        x = np.asarray(arrays[-1])
        if found is not None and (found.shape != x.shape or found.dtype != x.dtype):
            found = None
    return fallback.copy() if found is None else found.copy()

def relu(x):
    return _answer("relu", [x], np.asarray(x))

def relu_backward(grad_out, x):
    return _answer("relu_backward", [grad_out, x], np.asarray(grad_out))
'''


def check(*args):
    done = subprocess.run([sys.executable, "-m", "runner", "check", "--json", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.stdout, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def memorisers(tmp_path_factory):
    """The three memorising hand-ins, built from a run of the hidden tests on RECORDED_SEED."""
    folder = tmp_path_factory.mktemp("memorise")
    table = folder / "table.json"
    recorder = folder / "recorder.py"
    recorder.write_text(f"TABLE = {str(table)!r}\n" + RECORDER)
    [recorded] = check("--no-sandbox", "--seed", RECORDED_SEED, recorder)
    assert recorded["status"] == "pass" and recorded["seed"] == RECORDED_SEED, recorded
    calls = json.loads(table.read_text())
    assert len(calls) >= 40  # every call of every test
    files = []
    for keying in ("exact", "loose", "nth"):
        path = folder / f"memorises_{keying}.py"
        path.write_text(MEMORISER.replace("__TABLE__", repr(calls)).replace("__KEYING__", keying))
        files.append(path)
    return files


def statuses(results):
    return [test["status"] for test in results["tests"]]


@pytest.mark.parametrize("engine", ["cpython", "pyodide"])
def test_recorded_answers_are_worth_nothing_on_fresh_data(memorisers, engine):
    identity, *graded = check("--engine", engine, IDENTITY, *memorisers)
    assert statuses(identity) == ["pass", "fail", "fail", "fail", "fail"]
    seeds = {identity["seed"]} | {results["seed"] for results in graded}
    assert len(seeds) == 4 and RECORDED_SEED not in seeds  # each hand-in had fresh data of its own
    for path, results in zip(memorisers, graded):
        assert statuses(results) == statuses(identity), (path.name, results["message"])


@pytest.mark.parametrize("engine", ["cpython", "pyodide"])
def test_on_the_recorded_seed_the_same_files_pass(memorisers, engine):
    for path, results in zip(memorisers, check("--engine", engine, "--seed", RECORDED_SEED, *memorisers)):
        assert results["status"] == "pass", (path.name, results["message"])
        assert results["seed"] == RECORDED_SEED
