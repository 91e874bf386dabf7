"""Real-browser fixtures: the built site served on 127.0.0.1, and Chromium driven by Playwright.

Chromium: $CHROMIUM, else `chromium` on PATH (Debian's package), else Playwright's own download.
"""
import os
import shutil
import threading
from pathlib import Path

import pytest

from runner.build import build
from runner.harness.exercise import Exercise
from runner.serve import make_server

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PYTHON_READY_MS = 180_000
RUN_MS = 120_000


def chromium_executable():
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    return shutil.which("chromium") or shutil.which("chromium-browser")


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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = chromium_executable()
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS) if executable \
            else playwright.chromium.launch(args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class PageWatch:
    """A page plus everything it logged and requested, for assertions about errors and origins."""

    def __init__(self, page, origin):
        self.page = page
        self.origin = origin
        self.errors = []
        self.requests = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))
        page.context.on("request", lambda r: self.requests.append(r.url))

    def open(self, path="/"):
        self.page.goto(self.origin + path)
        self.page.wait_for_selector("body[data-editor-ready=true]")
        return self

    def wait_python(self):
        self.page.wait_for_selector("body[data-python-ready=true]", timeout=PYTHON_READY_MS)
        return self

    def runs(self):
        return int(self.page.evaluate("Number(document.body.dataset.runs || 0)"))

    def run_and_wait(self, via="click"):
        before = self.runs()
        if via == "click":
            self.page.click("#run")
        else:
            self.page.locator(".cm-content").press(via)
        self.page.wait_for_function(f"() => Number(document.body.dataset.runs || 0) > {before}", timeout=RUN_MS)
        return self.page.inner_text("#summary")

    def set_code(self, code):
        """Replace the editor's text the way a student would: select all, then type."""
        content = self.page.locator(".cm-content")
        content.click()
        content.press("Control+a")
        content.press("Delete")
        # insert_text types without auto-indent, like a paste
        self.page.keyboard.insert_text(code)

    def editor_text(self):
        return self.page.evaluate(
            "Array.from(document.querySelectorAll('.cm-content .cm-line'), line => line.textContent).join('\\n')")

    def statuses(self):
        return self.page.locator("#tests .badge").all_inner_texts()


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
