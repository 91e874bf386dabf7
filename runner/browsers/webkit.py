"""WebKit (WebKitGTK's MiniBrowser, Safari's) driven through Selenium and WebKitWebDriver on a virtual X
display, one MiniBrowser (one driver session) per page. Every call is bounded three ways: WebKitWebDriver's
own page-load and script timeouts, which answer first while the driver is alive; a watchdog that kills the
driver and its browser when no answer comes (runner/browsers/bounds.py), as when WebKitWebDriver waited
9 minutes with no browser left under it (issue 34); and Selenium's HTTP timeout, which without a client
config is none at all."""
import os
import select
import subprocess

from runner.browsers.bounds import (CALL_SECONDS, START_SECONDS, bounded, descendants, kill_tree, process_name,
                                    start_twice)
from runner.browsers.page import Page

WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"


class SeleniumPage(Page):
    """WebKitWebDriver has no BiDi: the page's own errors are recorded by a script the test server adds to
    the page (RECORDER, window.__recordedErrors)."""

    browser_name = "webkit"

    def __init__(self, driver, seconds):
        self.driver = driver
        self.seconds = seconds
        self.killed = False
        # the driver's own limits answer before the watchdog does, while the driver can still answer
        driver.set_page_load_timeout(seconds * 0.75)
        driver.set_script_timeout(seconds * 0.75)

    def kill(self):
        self.killed = True
        kill_tree(self.driver.service.process.pid)

    def _call(self, call, function, *args):
        with self.bounded(call, self.kill):
            return function(*args)

    def goto(self, url):
        self._call("get", self.driver.get, url)

    def reload(self):
        self._call("refresh", self.driver.refresh)

    def evaluate(self, expression):
        return self._call("execute_script", self.driver.execute_script, f"return ({expression});")

    def transient(self, error):
        # WebKitWebDriver now and then fails to read back a script's result (once in a CI run of the scenarios,
        # 2026-12-06): a poll reads again
        return "Could not parse script result" in str(error)

    def _element(self, selector):
        from selenium.webdriver.common.by import By

        return self._call("find_element", self.driver.find_element, By.CSS_SELECTOR, selector)

    def click(self, selector):
        element = self._element(selector)
        self._call("click", element.click)

    def press(self, selector, key):
        from selenium.webdriver.common.keys import Keys

        element = self._element(selector)
        self._call("send_keys", element.send_keys, getattr(Keys, key.upper()))

    def screenshot(self, path):
        self._call("save_screenshot", self.driver.save_screenshot, str(path))

    def errors(self):
        return self.evaluate("window.__recordedErrors || []")

    def clear_errors(self):
        self.evaluate("(window.__recordedErrors = [], true)")

    def browser_pid(self):
        """MiniBrowser, under WebKitWebDriver."""
        return next((pid for pid in descendants(self.driver.service.process.pid)
                     if process_name(pid) == "MiniBrowser"), None)

    def close(self):
        if self.killed:
            return
        try:
            self._call("quit", self.driver.quit)
        finally:
            kill_tree(self.driver.service.process.pid)


class WebKit:
    """A MiniBrowser per page: WebKitWebDriver drives one browser per session. `seconds`: each call's bound."""

    def __init__(self, seconds=CALL_SECONDS):
        self.seconds = seconds
        # Xvfb picks a free display itself and writes its number when ready: no race between test workers
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write,))
        os.close(write)
        with os.fdopen(read) as display:
            ready, _, _ = select.select([display], [], [], START_SECONDS)
            self.display = int(display.readline()) if ready else None
        if self.display is None:
            self.close()
            raise RuntimeError(f"webkit: Xvfb did not start within {START_SECONDS} s")

    def new_page(self, width=1400, height=1000, shared_memory=False):
        """shared_memory: SharedArrayBuffer on cross-origin isolated pages, as Safari has it (since 15.2);
        WebKitGTK leaves it off unless JavaScriptCore's option says otherwise. Tried twice."""
        services = []

        def session():
            services.append(self._service(shared_memory))
            with bounded("webkit", "new session", START_SECONDS, lambda: _kill_service(services[-1])):
                return _driver(self._options(width, height), services[-1], self.seconds + 30)

        driver = start_twice("webkit", session, lambda: _kill_service(services[-1]))
        return SeleniumPage(driver, self.seconds)

    def _service(self, shared_memory):
        from selenium.webdriver.webkitgtk.service import Service

        # Compositing drew every frame through Mesa's software GL under Xvfb: a quarter of WebKit's CPU in the suite
        # (busy ticks of four every-browser scenarios, 4450-4650 with it, 3100-3550 without), on a machine without a GPU.
        env = {**os.environ, "DISPLAY": f":{self.display}", "WEBKIT_DISABLE_COMPOSITING_MODE": "1",
               **({"JSC_useSharedArrayBuffer": "1"} if shared_memory else {})}
        return Service(executable_path=WEBKIT_DRIVER, env=env)

    @staticmethod
    def _options(width, height):
        from selenium import webdriver

        options = webdriver.WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        options.add_argument(f"--geometry={width}x{height}")
        return options

    def close(self):
        self.xvfb.kill()
        self.xvfb.wait()


def _driver_class():
    from selenium.webdriver.common.webdriver import LocalWebDriver
    from selenium.webdriver.remote.client_config import ClientConfig
    from selenium.webdriver.remote.remote_connection import RemoteConnection

    class Driver(LocalWebDriver):
        """Selenium's WebKitGTK driver, with an HTTP timeout (its own constructor takes no client config)."""

        def __init__(self, options, service, http_seconds):
            self.options, self.service = options, service
            service.start()
            try:
                config = ClientConfig(service.service_url, timeout=http_seconds)
                super().__init__(command_executor=RemoteConnection(client_config=config), options=options)
            except Exception:
                self.quit()
                raise

    return Driver


def _driver(options, service, http_seconds):
    return _driver_class()(options, service, http_seconds)


def _kill_service(service):
    if getattr(service, "process", None):
        kill_tree(service.process.pid)
