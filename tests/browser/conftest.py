"""Real-browser fixtures: the built site served on 127.0.0.1, and Chromium driven by Playwright (its waits bounded
by Playwright's default timeout, 30 s, or their own; a browser that a hung call killed is launched again)."""
import contextlib
import threading

import pytest

from browser_helpers import ROOT, PageWatch
from runner.browsers.chromium import SharedChromium
from runner.site.build import build
from runner.judge.exercise import Exercise
from runner.site.serve import make_server


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return build(Exercise.load(ROOT / "exercise"), tmp_path_factory.mktemp("site") / "dist")


@pytest.fixture(scope="session")
def server(site):
    server = make_server(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session (per test worker), launched again if a hung call killed it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        shared = SharedChromium(playwright)
        yield shared
        with contextlib.suppress(Exception):
            shared.current.close()


@pytest.fixture
def new_page(browser, server):
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": {"width": 1400, "height": 1000}, **options})
        contexts.append(context)
        return PageWatch(context.new_page(), server)

    yield make
    for context in contexts:
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """`item.call_failed`: whether the test itself failed (a page it shared is then used no more)."""
    outcome = yield
    if call.when == "call":
        item.call_failed = outcome.get_result().failed
