"""An exercise whose exercise.json has no `limits` block, built into a site (issue 34): the page's config and
bundle.json carry the same facts, defaults merged, and in real Chromium an endless loop in the student's
function, in a run and in the console, is timed out with the default limits (runner/judge/exercise.py)."""
import json
import re
import shutil
import threading

import pytest

from browser_helpers import ROOT, PageWatch
from runner.judge.exercise import DEFAULT_LIMITS, Exercise
from runner.site.build import build
from runner.site.serve import make_server

LOOPING = ("import numpy as np\n\n\ndef sigmoid(x):\n    while True:\n        pass\n\n\n"
           "def sigmoid_backward(grad_out, x):\n    s = 1 / (1 + np.exp(-x))\n    return grad_out * s * (1 - s)\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    copy = tmp_path_factory.mktemp("no-limits") / "sigmoid"
    shutil.copytree(ROOT / "tests" / "fixtures" / "sigmoid", copy, ignore=shutil.ignore_patterns("__pycache__"))
    metadata = copy / "exercise" / "exercise.json"
    data = json.loads(metadata.read_text())
    del data["limits"]
    metadata.write_text(json.dumps(data))
    return build(Exercise.load(copy / "exercise"), copy.parent / "dist")


@pytest.fixture(scope="module")
def origin(site):
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def page_config(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="exercise-config">(.*?)</script>', html, re.S)[1])


def test_the_page_and_the_worker_read_the_same_merged_limits(site):
    bundle = json.loads((site / "bundle.json").read_text(encoding="utf-8"))
    assert bundle["exercise"]["limits"] == DEFAULT_LIMITS
    assert page_config(site)["limits"] == bundle["exercise"]["limits"]


def test_an_endless_loop_times_out_with_the_default_limits(browser, origin):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        watch = PageWatch(context.new_page(), origin).open().wait_python()
        watch.set_code(LOOPING)
        assert watch.run_and_wait() == "1 of 2 tests passed."
        assert watch.statuses() == ["Timed out", "Passed"]
        message = watch.page.locator("#tests li").first.inner_text()
        seconds = float(re.search(r"sigmoid\(\) did not return within ([\d.]+) s", message)[1])
        assert DEFAULT_LIMITS["call_seconds"] <= seconds < DEFAULT_LIMITS["call_seconds"] + 1

        # the console's entries have a call's time limit too, from the same merged limits
        box = watch.page.get_by_label("Python to try")
        box.fill("sigmoid(np.zeros(2))")
        box.press("Enter")
        watch.page.wait_for_function("() => Number(document.body.dataset.consoleEntries || 0) > 0", timeout=60_000)
        shown = watch.page.locator("#console-log .entry").last.locator(".console-error").inner_text()
        assert shown == f"Stopped after {DEFAULT_LIMITS['call_seconds']:g} s: is there an endless loop?"
        assert watch.errors == []
    finally:
        context.close()
