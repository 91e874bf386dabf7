"""Three browser engines behind one small interface, for the cross-browser tests and the benchmark (issue 28):
Chromium through Playwright, Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi
(runner/browsers/puppeteer_bridge.mjs), and WebKit (WebKitGTK's MiniBrowser, Safari's engine) through
Selenium and WebKitWebDriver on a virtual X display. A page offers what a scenario needs: go to a URL,
evaluate a JavaScript expression (a promise is awaited), click, press a key, wait for an expression to be
true, take a screenshot; `errors()` lists what the page logged as errors."""
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
ENGINES = ("chromium", "firefox", "webkit")
# WebKit (JavaScriptCore) starts two Pyodide interpreters about three times slower than the others.
SLOWNESS = {"chromium": 1, "firefox": 1, "webkit": 3}


def missing(engine):
    """Why `engine` cannot be driven here (None if it can)."""
    if engine == "firefox" and not os.path.exists(FIREFOX):
        return f"{FIREFOX} is missing (apt-get install firefox-esr)"
    if engine == "firefox" and not (ROOT / "node_modules" / "puppeteer-core").is_dir():
        return "npm's puppeteer-core is missing (npm ci)"
    if engine == "webkit" and not (os.path.exists(WEBKIT_DRIVER) and shutil.which("Xvfb")):
        return "WebKitWebDriver or Xvfb is missing (apt-get install webkit2gtk-driver xvfb xauth)"
    return None


class Page:
    """What every driver's page offers; `engine` names the browser engine."""

    engine = ""

    def wait_for(self, expression, timeout=60.0):
        """Poll until `expression` is truthy; its value."""
        deadline = time.monotonic() + timeout * SLOWNESS[self.engine]
        while True:
            try:
                value = self.evaluate(expression)
            except Exception as error:
                if not self.transient(error):
                    raise
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.engine}: not true within {timeout} s: {expression}")
            time.sleep(0.1)

    def transient(self, error):
        """Whether `error`, raised reading the page, is the driver's own hiccup: polling reads again."""
        return False

    def drop_code(self, code, name="solution.py"):
        """Drop a file holding `code` onto the editor, as a student can (the same in every engine)."""
        self.evaluate("(() => { const data = new DataTransfer(); "
                      f"data.items.add(new File([{json.dumps(code)}], {json.dumps(name)}, {{type: 'text/x-python'}})); "
                      "const drop = new Event('drop', {bubbles: true, cancelable: true}); "
                      "Object.defineProperty(drop, 'dataTransfer', {value: data}); "
                      "document.querySelector('#editor').dispatchEvent(drop); return true; })()")
        # The editor shows its lines without newlines; the start of the file tells it from the one before (a
        # first line alone does not: most solutions, and the starter, begin `import numpy as np`).
        shown = "".join(code.splitlines())[:1000]
        self.wait_for(f"document.querySelector('.cm-content').textContent.startsWith({json.dumps(shown)})")


class PlaywrightPage(Page):
    engine = "chromium"

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self._errors = []
        self.page.on("console", lambda m: m.type == "error" and self._errors.append(m.text))
        self.page.on("pageerror", lambda e: self._errors.append(f"pageerror: {e}"))

    def goto(self, url):
        self.page.goto(url)

    def reload(self):
        self.page.reload()

    def evaluate(self, expression):
        return self.page.evaluate(expression)

    def click(self, selector):
        self.page.click(selector)

    def press(self, selector, key):
        self.page.locator(selector).press(key)

    def screenshot(self, path):
        self.page.screenshot(path=str(path))

    def errors(self):
        return list(self._errors)

    def close(self):
        self.context.close()


class Chromium:
    """`browser`: a Playwright Chromium already running in this thread (Playwright's sync API allows one
    at a time), else one of its own."""

    def __init__(self, browser=None):
        from playwright.sync_api import sync_playwright

        from runner.browsers.chromium import launch

        self.playwright = None if browser else sync_playwright().start()
        self.browser = browser or launch(self.playwright)

    def new_page(self, width=1400, height=1000):
        return PlaywrightPage(self.browser.new_context(viewport={"width": width, "height": height}))

    def close(self):
        if self.playwright:
            self.browser.close()
            self.playwright.stop()


class BridgePage(Page):
    engine = "firefox"

    def __init__(self, bridge, width, height):
        self.bridge = bridge
        self.id = bridge.call("newPage", width=width, height=height)

    def goto(self, url):
        self.bridge.call("goto", page=self.id, url=url)

    def reload(self):
        self.bridge.call("reload", page=self.id)

    def evaluate(self, expression):
        return self.bridge.call("evaluate", page=self.id, script=expression)

    def click(self, selector):
        self.bridge.call("click", page=self.id, selector=selector)

    def press(self, selector, key):
        self.bridge.call("press", page=self.id, selector=selector, key=key)

    def screenshot(self, path):
        self.bridge.call("screenshot", page=self.id, path=str(path))

    def errors(self):
        return self.bridge.call("errors", page=self.id)

    def close(self):
        self.bridge.call("closePage", page=self.id)


class Firefox:
    def __init__(self):
        self.process = subprocess.Popen(["node", str(Path(__file__).with_name("puppeteer_bridge.mjs")), FIREFOX],
                                        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.next_id = 0

    def call(self, op, **args):
        self.next_id += 1
        self.process.stdin.write(json.dumps({"id": self.next_id, "op": op, "args": args}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline() or '{"ok": false, "error": "the bridge ended"}')
        if not answer["ok"]:
            raise RuntimeError(f"firefox: {op}: {answer['error']}")
        return answer["value"]

    def new_page(self, width=1400, height=1000):
        return BridgePage(self, width, height)

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


class SeleniumPage(Page):
    """WebKitWebDriver has no BiDi: the page's own errors are recorded by a script the test server adds to
    the page (RECORDER, window.__recordedErrors)."""

    engine = "webkit"

    def __init__(self, driver):
        self.driver = driver

    def goto(self, url):
        self.driver.get(url)

    def reload(self):
        self.driver.refresh()

    def evaluate(self, expression):
        return self.driver.execute_script(f"return ({expression});")

    def transient(self, error):
        # WebKitWebDriver now and then fails to read back a script's result (once in a CI run of the scenarios,
        # 2026-12-06): a poll reads again
        return "Could not parse script result" in str(error)

    def click(self, selector):
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def press(self, selector, key):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        self.driver.find_element(By.CSS_SELECTOR, selector).send_keys(getattr(Keys, key.upper()))

    def screenshot(self, path):
        self.driver.save_screenshot(str(path))

    def errors(self):
        return self.evaluate("window.__recordedErrors || []")

    def close(self):
        self.driver.quit()


class WebKit:
    """A MiniBrowser per page: WebKitWebDriver drives one browser per session."""

    def __init__(self):
        self.display = _free_display()
        self.xvfb = subprocess.Popen(["Xvfb", f":{self.display}", "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)

    def new_page(self, width=1400, height=1000, shared_memory=False):
        """shared_memory: SharedArrayBuffer on cross-origin isolated pages, as Safari has it (since 15.2);
        WebKitGTK leaves it off unless JavaScriptCore's option says otherwise."""
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        options = webdriver.WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        options.add_argument(f"--geometry={width}x{height}")
        env = {**os.environ, "DISPLAY": f":{self.display}", **({"JSC_useSharedArrayBuffer": "1"} if shared_memory else {})}
        service = Service(executable_path=WEBKIT_DRIVER, env=env)
        return SeleniumPage(webdriver.WebKitGTK(options=options, service=service))

    def close(self):
        self.xvfb.kill()
        self.xvfb.wait()


def _free_display():
    for number in range(90, 200):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(f"/tmp/.X{number}-lock"):
            return number
    raise RuntimeError("no free X display")


def start(engine, **options):
    """A running browser of `engine` ("chromium", "firefox" or "webkit")."""
    return {"chromium": Chromium, "firefox": Firefox, "webkit": WebKit}[engine](**options)


# Added to the page by the cross-browser tests' server, before the app, so that a browser without BiDi
# (WebKitWebDriver) still tells the tests what the page logged as errors.
RECORDER = """window.__recordedErrors = [];
const __error = console.error.bind(console);
console.error = (...args) => { window.__recordedErrors.push(args.map(String).join(" ")); __error(...args); };
addEventListener("error", (event) => window.__recordedErrors.push(`pageerror: ${event.message}`));
addEventListener("unhandledrejection", (event) => window.__recordedErrors.push(`unhandled: ${event.reason}`));
"""

