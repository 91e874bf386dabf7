"""Driving Chromium and the student page with Playwright: shared by the benchmark and the browser tests.

Chromium: $CHROMIUM, else `chromium` on PATH (Debian's package) or another Chrome, else Playwright's own.
"""
import contextlib
import os
import shutil
import tempfile

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_executable():
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _launch_options():
    executable = chromium_executable()
    return {"args": CHROMIUM_FLAGS, **({"executable_path": executable} if executable else {})}


def launch(playwright):
    return playwright.chromium.launch(**_launch_options())


@contextlib.contextmanager
def fresh_profile(playwright):
    """A browser with a new on-disk profile, as a student's: empty caches at first, then its HTTP cache and
    code cache persist between visits (Chromium keeps no compiled WebAssembly for a second visit in an
    incognito context). Closed, and its profile deleted, on leaving."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as user_data_dir:
        context = playwright.chromium.launch_persistent_context(user_data_dir, **_launch_options())
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
