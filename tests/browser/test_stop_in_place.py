"""Stop that keeps Python (issue 29), in real Chromium: from the second visit the service worker makes the
page cross-origin isolated, and Stop, Escape and Run during a run interrupt the student's code in the same
worker, whose interpreters answer afterwards; C code that never checks for signals, a first visit and a
page embedded in another site's iframe replace the worker as before."""
import threading

import pytest

from browser_helpers import ARTIFACTS, ROOT, PageWatch
from runner.site.serve import make_server

REFERENCE = (ROOT / "exercise" / "reference_solution.py").read_text()
PYTHON_LOOP = "import numpy as np\n\ndef relu(x):\n    while True:\n        pass\n\ndef relu_backward(g, x):\n    return g * (x > 0)\n"
C_HANG = "import numpy as np\n\ndef relu(x):\n    return sum(range(10 ** 15))\n\ndef relu_backward(g, x):\n    return g * (x > 0)\n"
ALL_PASSED = "All 5 tests passed. Well done!"


class Workers:
    """Counts the grader workers a page starts: one per Python, a new one each time it is replaced."""

    def __init__(self, page):
        self.started = 0
        page.on("worker", lambda worker: worker.url.endswith("/worker.js") and self.count())

    def count(self):
        self.started += 1


def opened(new_page, path="/"):
    page = new_page()
    workers = Workers(page.page)
    return page.open(path).wait_python(), workers


def console(watch, entry):
    """Send `entry` to the console and wait for its answer; the entry as shown."""
    before = int(watch.page.evaluate("Number(document.body.dataset.consoleEntries || 0)"))
    watch.page.fill("#console-input", entry)
    watch.page.press("#console-input", "Enter")
    watch.page.wait_for_function(f"() => Number(document.body.dataset.consoleEntries || 0) > {before}", timeout=60_000)
    return watch.page.locator("#console-log .entry").last.inner_text()


def test_on_a_second_visit_stop_interrupts_the_code_and_the_same_python_goes_on(new_page):
    watch, workers = opened(new_page)
    assert watch.stop_mode() == [False, "restart"]  # the first visit is not isolated yet
    watch.visit_again()
    assert watch.stop_mode() == [True, "interrupt"]
    assert "Stop interrupts your code; Python stays ready." in watch.page.inner_text(".keys")
    started = workers.started
    watch.set_code(REFERENCE)
    assert console(watch, "kept = 41").startswith(">>> kept = 41")
    for stop in ("click", "Escape"):
        watch.start_hung_run(PYTHON_LOOP)
        assert watch.stop_and_wait_python(via=stop).startswith("Stopped.")
    assert workers.started == started  # the same worker: no Python was started again
    assert console(watch, "kept + 1").endswith("42")  # the console's interpreter kept its names
    watch.set_code(REFERENCE)
    assert watch.run_and_wait() == ALL_PASSED
    assert workers.started == started and watch.errors == []


def test_run_during_a_run_interrupts_it_and_grades_the_new_code_in_the_same_worker(new_page):
    watch = opened(new_page)[0].visit_again()
    workers = Workers(watch.page)
    watch.start_hung_run(PYTHON_LOOP)
    watch.set_code(REFERENCE)
    before = watch.runs()
    watch.page.click("#run")  # during the hung run
    watch.page.wait_for_function(f"() => Number(document.body.dataset.runs) > {before + 1}", timeout=60_000)
    assert watch.page.inner_text("#summary") == ALL_PASSED
    assert workers.started == 0 and watch.errors == []


def test_the_console_stop_interrupts_only_the_entry(new_page):
    watch = opened(new_page)[0].visit_again()
    workers = Workers(watch.page)
    watch.set_code(REFERENCE)
    console(watch, "kept = 41")
    watch.page.fill("#console-input", "while True: pass")
    watch.page.press("#console-input", "Enter")
    watch.page.wait_for_selector("body[data-console-busy=true]")
    watch.page.wait_for_timeout(300)
    watch.page.click("#console-form button")  # the console's Stop
    watch.page.wait_for_selector("body[data-console-busy=false]")
    assert watch.page.locator("#console-log .entry").last.inner_text().endswith("Stopped (you pressed Stop).")
    assert console(watch, "kept + 1").endswith("42")
    assert workers.started == 0


def test_c_code_that_never_checks_for_signals_is_stopped_by_a_new_worker(new_page):
    watch = opened(new_page)[0].visit_again()
    workers = Workers(watch.page)
    watch.start_hung_run(C_HANG)
    assert watch.stop_and_wait_python().startswith("Stopped.")
    assert workers.started == 1  # replaced once the interrupt went unseen
    assert watch.stop_mode() == [True, "interrupt"]  # the new worker interrupts too
    watch.set_code(REFERENCE)
    assert watch.run_and_wait() == ALL_PASSED


def test_on_a_first_visit_stop_replaces_the_worker_and_says_so(new_page):
    watch, workers = opened(new_page)
    assert "Stop restarts Python, which takes a few seconds." in watch.page.inner_text(".keys")
    watch.start_hung_run(PYTHON_LOOP)
    assert watch.stop_and_wait_python().startswith("Stopped.")
    assert workers.started == 2
    watch.set_code(REFERENCE)
    assert watch.run_and_wait() == ALL_PASSED


@pytest.fixture
def embedding_site(server):
    """Another origin's page (as an LMS's) that embeds the exercise in an iframe: localhost against the
    exercise's 127.0.0.1."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "index.html").write_text(
            f'<!doctype html><title>Course</title><iframe src="{server}/" title="Exercise" width="1300" height="900"></iframe>')
        host = make_server(folder, "127.0.0.1", 0)
        threading.Thread(target=host.serve_forever, daemon=True).start()
        yield f"http://localhost:{host.server_address[1]}/"
        host.shutdown()


def test_embedded_in_another_sites_iframe_the_page_works_and_stop_replaces_the_worker(browser, embedding_site):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(embedding_site)
        for visit in range(2):
            frame = page.frame_locator("iframe")
            frame.locator("body[data-python-ready=true]").wait_for(timeout=180_000)
            if visit == 0:
                page.reload()
        exercise = page.frames[1]
        assert exercise.evaluate("[crossOriginIsolated, document.body.dataset.stopMode]") == [False, "restart"]
        exercise.evaluate("document.querySelector('#run').click()")
        exercise.wait_for_function("() => document.body.dataset.runs === '1'", timeout=60_000)
        assert exercise.inner_text("#summary").startswith("0 of 5")  # the starter, graded inside the iframe
        # Chromium keeps no data for a page inside another site's (third-party data is blocked in its incognito
        # contexts, as in Safari): the student is told before any work is lost, never that storage is "full"
        notices = exercise.inner_text("#notices")
        assert "does not let the exercise keep your code here" in notices and "full" not in notices
        assert exercise.inner_text("#save-status") in ("", "Not saved: this browser keeps nothing for the exercise here")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "stop-embedded-in-an-iframe.png"))
    finally:
        context.close()
