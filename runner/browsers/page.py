"""What a page offers in every browser (runner/browsers/drivers.py): go to a URL, evaluate a JavaScript
expression (a promise is awaited), click, press a key, wait for an expression to be true, drop a file onto the
editor, take a screenshot; each driver's calls are bounded (runner/browsers/bounds.py)."""
import json
import time

from runner.browsers.bounds import CALL_SECONDS, bounded

# WebKit (JavaScriptCore) starts two Pyodide interpreters about three times slower than the others.
SLOWNESS = {"chromium": 1, "firefox": 1, "webkit": 3}


class Page:
    """What every driver's page offers; `browser_name` names the browser."""

    browser_name = ""
    seconds = CALL_SECONDS  # each call's bound

    def bounded(self, call, kill):
        """A context bounding one call into this page's driver: `kill()` ends the driver if it hangs."""
        return bounded(self.browser_name, call, self.seconds, kill)

    def wait_for(self, expression, timeout=60.0):
        """Poll until `expression` is truthy; its value."""
        deadline = time.monotonic() + timeout * SLOWNESS[self.browser_name]
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
                raise TimeoutError(f"{self.browser_name}: not true within {timeout} s: {expression}")
            time.sleep(0.1)

    def clear_errors(self):
        """Forget what the page logged so far (a page shared by scenarios: each checks its own)."""
        raise NotImplementedError

    def transient(self, error):
        """Whether `error`, raised reading the page, is the driver's own hiccup: polling reads again."""
        return False

    def drop_code(self, code, name="solution.py"):
        """Drop a file holding `code` onto the editor, as a student can (the same in every browser)."""
        self.evaluate("(() => { const data = new DataTransfer(); "
                      f"data.items.add(new File([{json.dumps(code)}], {json.dumps(name)}, {{type: 'text/x-python'}})); "
                      "const drop = new Event('drop', {bubbles: true, cancelable: true}); "
                      "Object.defineProperty(drop, 'dataTransfer', {value: data}); "
                      "document.querySelector('#editor').dispatchEvent(drop); return true; })()")
        # The editor shows its lines without newlines; the start of the file tells it from the one before (a
        # first line alone does not: most solutions, and the starter, begin `import numpy as np`).
        shown = "".join(code.splitlines())[:1000]
        self.wait_for(f"document.querySelector('.cm-content').textContent.startsWith({json.dumps(shown)})")
