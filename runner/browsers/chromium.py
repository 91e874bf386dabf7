"""Driving Chromium and the student page with Playwright: shared by the benchmark and the browser tests.

Chromium: $CHROMIUM, else `chromium` on PATH (Debian's package) or another Chrome, else Playwright's own.
Every Playwright call has a default timeout; page.evaluate has none, so the driver's page (PlaywrightPage)
bounds it by killing its browser, which each launch marks with a token of its own on its command line.
"""
import contextlib
import os
import secrets
import shutil
import tempfile

from runner.browsers.bounds import CALL_SECONDS, START_SECONDS, kill_tree, start_twice
from runner.browsers.page import Page

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
TOKEN_FLAG = "--bounded-browser-token"  # Chromium ignores switches it does not know
_TOKENS = {}  # id(browser) -> its token


def chromium_executable():
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _launch_options(token):
    executable = chromium_executable()
    return {"args": [*CHROMIUM_FLAGS, f"{TOKEN_FLAG}={token}"], "timeout": START_SECONDS * 1000,
            **({"executable_path": executable} if executable else {})}


def launch(playwright):
    """A headless Chromium (tried twice)."""
    token = secrets.token_hex(8)
    browser = start_twice("chromium", lambda: playwright.chromium.launch(**_launch_options(token)),
                          lambda: kill_marked(token))
    _TOKENS[id(browser)] = token
    return browser


def _marked(token):
    """[(pid, command line words)] of the processes whose command line carries `token`."""
    flag, found = f"{TOKEN_FLAG}={token}".encode(), []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                words = cmdline.read().split(b"\0")
            if flag in words:
                found.append((int(entry), words))
    return found


def kill_marked(token):
    """Kill the Chromium whose command line carries `token`, and everything under it."""
    for pid, _ in _marked(token):
        kill_tree(pid)


def _token(browser):
    return _TOKENS.get(id(getattr(browser, "current", browser)))  # a SharedChromium's current browser


def browser_pid(browser):
    """The main process of a browser `launch` started (the tests stop it to make it hang)."""
    return next((pid for pid, words in _marked(_token(browser))
                 if not any(word.startswith(b"--type=") for word in words)), None)


def kill(browser):
    if _token(browser):
        kill_marked(_token(browser))


class SharedChromium:
    """One Chromium for a whole test session, launched again when a hang has killed the one before: attributes
    are the current browser's."""

    def __init__(self, playwright):
        self.playwright = playwright
        self.current = launch(playwright)

    def __getattr__(self, name):
        if not self.current.is_connected():
            self.current = launch(self.playwright)
        return getattr(self.current, name)


def bound_context(context, seconds=CALL_SECONDS):
    """Playwright's own timeouts on every wait of `context` except evaluate's (which has none): three quarters
    of the call's bound, so that a slow page fails by Playwright's timeout before the watchdog kills the browser."""
    context.set_default_timeout(seconds * 750)
    context.set_default_navigation_timeout(seconds * 750)
    return context


@contextlib.contextmanager
def fresh_profile(playwright):
    """A browser with a new on-disk profile, as a student's: empty caches at first, then its HTTP cache and
    code cache persist between visits (Chromium keeps no compiled WebAssembly for a second visit in an
    incognito context). Closed, and its profile deleted, on leaving."""
    token = secrets.token_hex(8)
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as user_data_dir:
        context = start_twice("chromium", lambda: playwright.chromium.launch_persistent_context(
            user_data_dir, **_launch_options(token)), lambda: kill_marked(token))
        try:
            yield context
        finally:
            context.close()


def set_code(page, code):
    """Replace the editor's text the way a student would: select all, then type."""
    content = page.locator(".cm-content")
    content.click()
    content.press("Control+a")
    content.press("Delete")
    # insert_text types without auto-indent, like a paste
    page.keyboard.insert_text(code)


def editor_text(page):
    return page.evaluate("() => Array.from(document.querySelectorAll('.cm-content .cm-line'), line => line.textContent)"
                         ".join('\\n')")


class PlaywrightPage(Page):
    browser_name = "chromium"

    def __init__(self, context, browser, seconds=CALL_SECONDS):
        self.context = bound_context(context, seconds)
        self.browser = browser
        self.seconds = seconds
        self.page = context.new_page()
        self._errors = []
        self.page.on("console", lambda m: m.type == "error" and self._errors.append(m.text))
        self.page.on("pageerror", lambda e: self._errors.append(f"pageerror: {e}"))

    def _call(self, call, function, *args, **kwargs):
        with self.bounded(call, lambda: kill(self.browser)):
            return function(*args, **kwargs)

    def goto(self, url):
        self._call("goto", self.page.goto, url)

    def reload(self):
        self._call("reload", self.page.reload)

    def evaluate(self, expression):
        return self._call("evaluate", self.page.evaluate, expression)

    def click(self, selector):
        self._call("click", self.page.click, selector)

    def press(self, selector, key):
        self._call("press", self.page.locator(selector).press, key)

    def screenshot(self, path):
        self._call("screenshot", self.page.screenshot, path=str(path))

    def errors(self):
        return list(self._errors)

    def clear_errors(self):
        self._errors.clear()

    def browser_pid(self):
        return browser_pid(self.browser)

    def close(self):
        with contextlib.suppress(Exception):  # a browser killed after a hang has nothing left to close
            self._call("close", self.context.close)


class Chromium:
    """`browser`: a Playwright Chromium already running in this thread (Playwright's sync API allows one
    at a time), else one of its own. `seconds`: each call's bound."""

    def __init__(self, browser=None, seconds=CALL_SECONDS):
        from playwright.sync_api import sync_playwright

        self.playwright = None if browser else sync_playwright().start()
        self.browser = browser or SharedChromium(self.playwright)
        self.seconds = seconds

    def new_page(self, width=1400, height=1000):
        context = self.browser.new_context(viewport={"width": width, "height": height})
        return PlaywrightPage(context, self.browser, self.seconds)

    def close(self):
        if self.playwright:
            with contextlib.suppress(Exception):
                self.browser.close()
            self.playwright.stop()
