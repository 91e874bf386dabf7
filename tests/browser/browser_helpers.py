"""Real-browser helpers: PageWatch (a Playwright page plus what it logged), and SharedPage (one driver page that
scenarios share, runner/browsers/drivers.py). Chromium itself, and typing into the editor, come from
runner/browsers/chromium.py, which the benchmark uses too."""
from pathlib import Path

from runner.browsers import chromium as browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PYTHON_READY_MS = 180_000
RUN_MS = 120_000


class PageWatch:
    """A page plus everything it logged and requested, for assertions about errors and origins."""

    def __init__(self, page, origin):
        self.page = page
        self.origin = origin
        self.errors = []
        self.requests = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.worker_log = []
        page.on("worker", lambda worker: worker.on("console", lambda m: self.worker_log.append(f"{m.type}: {m.text}")))
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
        browser.set_code(self.page, code)

    def open_file(self, path):
        """Open `path` with the page's "Open a .py file" button; wait until the editor shows it."""
        with self.page.expect_file_chooser() as chooser:
            self.page.click("#open")
        chooser.value.set_files(str(path))
        first_line = path.read_text().splitlines()[0]
        self.page.wait_for_function(f"() => document.querySelector('.cm-content').textContent.includes({first_line!r})")

    def editor_text(self):
        return browser.editor_text(self.page)

    def statuses(self):
        return self.page.locator("#tests .badge").all_inner_texts()

    def visit_again(self):
        """Wait until the service worker keeps the site, then load the page again: a second visit, which the
        service worker makes cross-origin isolated (issue 29)."""
        self.page.wait_for_selector("body[data-offline-ready=true]", timeout=60_000)
        self.page.reload()
        self.page.wait_for_selector("body[data-editor-ready=true]")
        return self.wait_python()

    def stop_mode(self):
        """[whether the page is cross-origin isolated, what Stop does: "interrupt" or "restart"]."""
        return self.page.evaluate("[crossOriginIsolated, document.body.dataset.stopMode]")

    def start_hung_run(self, code):
        """Run `code`, whose first call never returns; return once the run is inside it."""
        self.set_code(code)
        self.page.click("#run")
        self.page.wait_for_selector("#tests .badge-running")
        self.page.wait_for_timeout(300)

    def stop_and_wait_python(self, via="click"):
        """Stop the run (the Stop button, or Escape on it); wait until Python says it is ready again."""
        since = self.page.evaluate("performance.now()")
        if via == "click":
            self.page.click("#stop")
        else:
            self.page.locator("#stop").press(via)
        summary = self.page.inner_text("#summary")
        self.page.wait_for_function(f"() => Number(document.body.dataset.pythonReadyAt || 0) > {since}",
                                    timeout=PYTHON_READY_MS)
        return summary


def open_page(engine, url):
    opened = engine.new_page()
    opened.goto(url)
    opened.wait_for("document.body.dataset.editorReady === 'true'")
    return opened


class SharedPage:
    """One page per engine for the scenarios that need no fresh one (issue 34: Python loads once, not seven
    times). Each scenario waits for Python and drops its own code, so what the one before left (earlier runs, a
    replaced worker) changes nothing it checks; a scenario that failed leaves its page to no other."""

    def __init__(self, engine, url):
        self.engine, self.url, self.current = engine, url, None

    def get(self):
        if self.current is None:
            self.current = open_page(self.engine, self.url)
        return self.current

    def done(self, failed):
        if failed:
            self.close()
        else:  # each scenario checks only what the page logged while it ran (the first, since the page opened)
            self.current.clear_errors()

    def close(self):
        if self.current is not None:
            self.current, closing = None, self.current
            closing.close()
