"""Three browsers behind one small interface, for the cross-browser tests and the benchmark (issue 28):
Chromium through Playwright (chromium.py), Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver
BiDi (firefox.py), and WebKit (WebKitGTK's MiniBrowser, Safari's) through Selenium and WebKitWebDriver on a
virtual X display (webkit.py). A page offers what a scenario needs (page.py); every call into a driver is
bounded, and a hung browser fails that call with BrowserHung, naming the browser and the call (bounds.py)."""
import os
import shutil
from pathlib import Path

from runner.browsers.bounds import BrowserDidNotStart, BrowserHung  # noqa: F401 (the callers' exceptions)
from runner.browsers.chromium import Chromium
from runner.browsers.firefox import FIREFOX, Firefox
from runner.browsers.page import SLOWNESS  # noqa: F401
from runner.browsers.webkit import WEBKIT_DRIVER, WebKit

ROOT = Path(__file__).resolve().parents[2]
BROWSERS = ("chromium", "firefox", "webkit")


def missing(browser_name):
    """Why `browser_name` cannot be driven here (None if it can)."""
    if browser_name == "firefox" and not os.path.exists(FIREFOX):
        return f"{FIREFOX} is missing (apt-get install firefox-esr)"
    if browser_name == "firefox" and not (ROOT / "node_modules" / "puppeteer-core").is_dir():
        return "npm's puppeteer-core is missing (npm ci)"
    if browser_name == "webkit" and not (os.path.exists(WEBKIT_DRIVER) and shutil.which("Xvfb")):
        return "WebKitWebDriver or Xvfb is missing (apt-get install webkit2gtk-driver xvfb xauth)"
    return None


def start(browser_name, **options):
    """A running browser of `browser_name` ("chromium", "firefox" or "webkit"); `seconds=N` bounds each call."""
    return {"chromium": Chromium, "firefox": Firefox, "webkit": WebKit}[browser_name](**options)


# Added to the page by the cross-browser tests' server, before the app, so that a browser without BiDi
# (WebKitWebDriver) still tells the tests what the page logged as errors.
RECORDER = """window.__recordedErrors = [];
const __error = console.error.bind(console);
console.error = (...args) => { window.__recordedErrors.push(args.map(String).join(" ")); __error(...args); };
addEventListener("error", (event) => window.__recordedErrors.push(`pageerror: ${event.message}`));
addEventListener("unhandledrejection", (event) => window.__recordedErrors.push(`unhandled: ${event.reason}`));
"""
