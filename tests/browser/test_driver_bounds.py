"""A hung browser fails its one call within the call's bound, naming the browser and the call, and the next
page works (issue 34: WebKitWebDriver once waited nine minutes in a test's setup with no browser under it).
The browser is made to hang by stopping it (SIGSTOP) under its driver; without the bounds of
runner/browsers/bounds.py the next call waits for ever, and only this test's own time limit ends it."""
import os
import signal
import time

import pytest

from runner.browsers import drivers
from runner.browsers.bounds import BrowserDidNotStart, descendants

BOUND = 10  # seconds: short, so that the test is quick; the scenarios' bound is bounds.CALL_SECONDS
CALL = {"chromium": "evaluate", "firefox": "evaluate", "webkit": "execute_script"}


def gone(pid):
    """Whether `pid` has ended (a zombie waiting for its parent counts)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")
    except FileNotFoundError:
        return True


@pytest.mark.timeout(300)
@pytest.mark.parametrize("browser_name", drivers.BROWSERS)
def test_a_stopped_browser_fails_the_next_call_within_its_bound_then_a_new_page_works(browser_name, request):
    reason = drivers.missing(browser_name)
    if reason:
        pytest.fail(f"{browser_name} cannot be driven here: {reason}")
    # Chromium: the session's own (tests/browser/conftest.py), which is launched again after this test kills it
    browser = drivers.start(browser_name, seconds=BOUND,
                            **({"browser": request.getfixturevalue("browser")} if browser_name == "chromium" else {}))
    try:
        page = browser.new_page()
        page.goto("about:blank")
        assert page.evaluate("1 + 1") == 2
        pid = page.browser_pid()
        stopped = [pid, *descendants(pid)]
        for each in stopped:
            os.kill(each, signal.SIGSTOP)
        started = time.monotonic()
        with pytest.raises(drivers.BrowserHung, match=rf"^{browser_name}: {CALL[browser_name]} did not answer within {BOUND} s$"):
            page.evaluate("1 + 1")
        assert time.monotonic() - started < BOUND + 10
        time.sleep(0.5)
        assert all(gone(each) for each in stopped), "the hung browser was not killed"
        page.close()
        again = browser.new_page()
        again.goto("about:blank")
        assert again.evaluate("2 + 2") == 4
        again.close()
    finally:
        browser.close()


@pytest.mark.parametrize("browser_name", drivers.BROWSERS)
def test_a_browser_that_cannot_start_is_tried_once_more_then_fails(browser_name, monkeypatch, request):
    """Each driver starts its browser through bounds.start_twice; here the browser's executable is missing."""
    from runner.browsers import bounds, chromium, firefox, webkit

    monkeypatch.setenv("CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr(firefox, "FIREFOX", "/nonexistent/firefox")
    monkeypatch.setattr(webkit, "MINIBROWSER", "/nonexistent/MiniBrowser")
    attempts = []
    monkeypatch.setattr(bounds, "start_twice", _counting(bounds.start_twice, attempts))
    for module in (chromium, firefox, webkit):
        monkeypatch.setattr(module, "start_twice", bounds.start_twice)
    with pytest.raises(BrowserDidNotStart, match=f"^{browser_name}: could not start, twice: "):
        if browser_name == "chromium":  # through the session's Playwright: the sync API runs one at a time
            chromium.launch(request.getfixturevalue("browser").playwright)
        elif browser_name == "firefox":  # the bridge starts Firefox at once
            drivers.start(browser_name)
        else:  # a MiniBrowser for each page
            started = drivers.start(browser_name)
            try:
                started.new_page()
            finally:
                started.close()
    assert attempts == [browser_name, browser_name]


def _counting(start_twice, attempts):
    def counted(browser_name, start, cleanup=lambda: None):
        def counted_start():
            attempts.append(browser_name)
            return start()

        return start_twice(browser_name, counted_start, cleanup)

    return counted
