"""`python -m runner bench`: measures the built site and the baseline page in the same run, in headless
Chromium, and prints each figure with its ratio to the baseline (never a pass/fail: see the README).

Figures: editor usable after navigation; cold time to first result (empty cache, Run pressed at once, all
results shown); the same on a second visit; the same at 20 Mbit/s with 40 ms latency; re-run time (timed
inside each page); recovery after a timeout in Python code (the limit fired to the next run's results) and
after a hang in C code (the worker is replaced; compared with the baseline's warm start, its second visit);
Stop during an endless loop until Python is ready, and Run pressed during one until its results, on the
second visit (cross-origin isolated: interrupted in place) against the first (the worker is replaced);
bytes transferred on the first visit; worker memory (WebAssembly memory of every interpreter) after 1 run
and after many. Both pages grade the same solution, the reference. Times are medians over the runs, with
min-max. Each visitor is a fresh on-disk Chromium profile, so a second visit finds the HTTP cache and the
code cache as a student's browser would.

The floors (floors()) are measured in the same run: a page that only starts one Pyodide from the site's files
in a worker, loads packages and imports them (floor.html). The student's interpreter alone, and the judge's
alone, are what any page grading in Pyodide does at least before a first result: their ratios to the
baseline show how close to a target a page can get at all.

The re-grade's throughput (runner/bench/bulk.py) follows: files per minute, sandboxed against --no-sandbox.
"""
import json
import sys
import tempfile
import threading
from pathlib import Path

from runner.bench.bulk import bulk_table, measure_bulk, summarize_bulk
from runner.browsers.chromium import editor_text, fresh_profile, set_code
from runner.bench.plot import render_svg
from runner.bench.report import TARGETS, floor_table, summarize, table
from runner.bench.sites import build_sites, pages_like_server
from runner.bundle import build_bundle

THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 20_000_000 / 8, "uploadThroughput": 20_000_000 / 8}
LIMIT_MS = 300_000
STOP_SAMPLES = 5  # of each Stop figure, on each visit of the first run (at most --reruns)
# How long a first visit stays open before the second: Chromium writes a WebAssembly module to its code cache
# seconds after the module's hot functions were optimised, as during any real visit.
FIRST_VISIT_STAY_MS = 8_000
# Solutions for the recovery figures: relu loops in Python (interrupted at the call limit, twice), or hangs
# in C code, which no interrupt reaches (the page replaces its worker when the run's limit passes).
PYTHON_LOOP = "import numpy as np\n\ndef relu(x):\n    while True:\n        pass\n\ndef relu_backward(g, x):\n    return g * (x > 0)\n"
C_HANG = "import numpy as np\n\ndef relu(x):\n    return sum(range(10 ** 15))\n\ndef relu_backward(g, x):\n    return g * (x > 0)\n"
# Both pages mark their first results in the DOM (ours data-runs="1", the baseline data-done="1"). The time
# they were shown is taken inside the page, once the frame holding them has rendered (an animation frame,
# then a task): Playwright noticing the change and asking the page for the time lagged 40-70 ms behind on
# the baseline and 130-340 ms on ours (three cold and three second visits each, 2026-11-22), which is the
# tool's round trip, not the student's wait.
RESULTS_SHOWN = """
new MutationObserver((_, observer) => {
  const body = document.body;
  if (!body || (body.dataset.runs !== "1" && body.dataset.done !== "1")) return;
  observer.disconnect();
  requestAnimationFrame(() => setTimeout(() => { body.dataset.benchShownAt = String(performance.now()); }, 0));
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-runs", "data-done"]});
"""


def floors(bundle):
    """The floor pages' variants: name -> (label, path under the benchmark's root). A floor loads what one
    of the engine's interpreters loads and imports what it imports at start."""
    requirements = bundle["exercise"].get("requirements", [])

    def path(load, imports):
        return "floor/?load=" + ",".join(load) + "&import=" + ",".join(imports)

    return {"floor_student": ("the student's interpreter alone",
                              path(bundle["student_packages"], requirements)),
            "floor_judge": ("the judge alone (with pytest)",
                            path(bundle["judge_packages"], [*requirements, "pytest"]))}


# The figures a floor page has (it has no editor, runs nothing twice and cannot time out).


class Visit:
    """One page load of one variant; records the encoded bytes of every response (workers included)."""

    def __init__(self, context, url, variant, solution, network=None):
        """network: conditions for Chromium's network emulation, set on the page before it navigates (until
        2026-11-23 they were set after: the page's own first requests, and anything they preloaded, came
        unthrottled)."""
        self.page = context.new_page()
        self.variant = variant
        self.solution = solution
        self.finished = []
        context.on("requestfinished", lambda request: self.finished.append(request))
        if network:
            context.new_cdp_session(self.page).send("Network.emulateNetworkConditions", network)
        self.page.add_init_script(RESULTS_SHOWN)
        self.page.goto(url)

    def transferred_bytes(self):
        """Bytes of response bodies that came over the network (the HTTP cache's answers count as 0). Sizes
        are read here, not in the event handler: blocking calls inside Playwright's sync event handlers lost
        events (about a quarter of the requests went uncounted)."""
        total = 0
        for request in self.finished:
            try:
                total += max(0, request.sizes()["responseBodySize"])
            except Exception:  # a request whose worker is gone has no sizes any more
                pass
        return total

    def first_result_ms(self):
        """Time from navigation start until the first run's results are all shown (RESULTS_SHOWN). Both pages
        grade the same solution (the reference): ours gets it typed in (a paste) unless the editor kept it
        from a visit before; the starter code, whose tests all fail, costs more to report (tracebacks,
        messages)."""
        if self.variant == "ours":
            self.page.wait_for_selector("body[data-editor-ready=true]", timeout=LIMIT_MS)
            if editor_text(self.page).strip() != self.solution.strip():
                set_code(self.page, self.solution)
            self.page.click("#run")  # pressed at once: queued until Python is ready
            self.page.wait_for_selector("body[data-runs='1']", timeout=LIMIT_MS)
            summary = self.page.text_content("#summary")
            if not summary.startswith("All "):
                raise RuntimeError(f"the reference solution did not pass in the page: {summary}")
        else:
            self.page.wait_for_selector("body[data-done='1'], body[data-failed='1']", timeout=LIMIT_MS)
            if self.page.evaluate("() => document.body.dataset.failed === '1'"):
                raise RuntimeError(f"the {self.variant} page failed: {self.page.text_content('#log')}")
        self.page.wait_for_selector("body[data-bench-shown-at]", timeout=LIMIT_MS)
        return self._data("benchShownAt")

    def editor_ms(self):
        return float(self.page.evaluate("() => document.body.dataset.editorReadyAt")) if self.variant == "ours" else None

    def slowest_test_ms(self):
        """The last run's slowest test, as the judge timed it."""
        return self._data("slowestTestMs")

    def _data(self, name):
        return float(self.page.evaluate(f"() => Number(document.body.dataset.{name})"))

    def press_run(self):
        """Press Run tests (after a first run); returns a function that waits for this run's results."""
        before = int(self._data("runs"))
        self.page.click("#run")
        return lambda: self.page.wait_for_selector(f"body[data-runs='{before + 1}']", timeout=LIMIT_MS)

    def run_ours(self):
        """Press Run tests and wait for the results; returns the run's time measured in the page."""
        self.press_run()()
        return self._data("lastRunMs")

    def rerun_ms(self):
        return self.run_ours() if self.variant == "ours" else self.page.evaluate("() => window.rerun()")

    def memory_bytes(self):
        if self.variant == "ours":
            self.page.wait_for_function("() => document.body.dataset.workerMemory", timeout=LIMIT_MS)
            return self._data("workerMemory")
        return float(self.page.evaluate("() => window.memory()"))

    def recovery_ms(self, solution, fired_at):
        """Run `solution`, then at once the code that was in the editor (typed back while the first run goes
        on: a run grades the code as it was when Run was pressed); the time from the limit firing
        (`fired_at`: a data attribute the page sets) to the next run's results."""
        original = editor_text(self.page)
        set_code(self.page, solution)
        before = int(self._data("runs"))
        self.page.click("#run")
        set_code(self.page, original)
        # The next run is pressed inside the page the moment these results are shown, as by a student with a
        # finger on the button: Playwright's own round trips (50-300 ms here) are not the grader's time.
        self.page.evaluate("""([runs, firedAt]) => new MutationObserver((_, observer) => {
            if (Number(document.body.dataset.runs) !== runs) return;
            observer.disconnect();
            document.body.dataset.benchFiredAt = document.body.dataset[firedAt];
            document.querySelector("#run").click();
          }).observe(document.body, {attributes: true, attributeFilter: ["data-runs"]})""", [before + 1, fired_at])
        self.page.wait_for_selector(f"body[data-runs='{before + 2}']", timeout=LIMIT_MS)
        return self._data("lastDoneAt") - self._data("benchFiredAt")

    def _hang(self):
        """Start a run of PYTHON_LOOP; return once it is inside the endless loop."""
        set_code(self.page, PYTHON_LOOP)
        self.page.click("#run")
        self.page.wait_for_selector("#tests .badge-running", timeout=LIMIT_MS)
        self.page.wait_for_timeout(300)

    def stop_ready_ms(self):
        """Stop pressed during an endless Python loop, until Python says it is ready again (issue 29): the
        press and both times are taken inside the page."""
        self._hang()
        pressed = self.page.evaluate("() => { const at = performance.now(); document.querySelector('#stop').click(); return at; }")
        self.page.wait_for_function(f"() => Number(document.body.dataset.pythonReadyAt || 0) > {pressed}", timeout=LIMIT_MS)
        return self._data("pythonReadyAt") - pressed

    def run_during_ms(self):
        """Run pressed during an endless Python loop with the solution typed back: the time to its results."""
        self._hang()
        set_code(self.page, self.solution)
        before = int(self._data("runs"))
        pressed = self.page.evaluate("() => { const at = performance.now(); document.querySelector('#run').click(); return at; }")
        self.page.wait_for_selector(f"body[data-runs='{before + 2}']", timeout=LIMIT_MS)  # the stopped run, then this
        if not self.page.text_content("#summary").startswith("All "):
            raise RuntimeError(f"the run pressed during a run did not pass: {self.page.text_content('#summary')}")
        return self._data("lastDoneAt") - pressed

    def stop_figures(self, record, suffix, times):
        """Both Stop figures, `times` each, into record["stop_ready{suffix}_ms"] and record["run_during{suffix}_ms"]
        (suffix "_replace": the page must replace its worker; "": interrupt in place)."""
        mode = self.page.evaluate("() => document.body.dataset.stopMode")
        if mode != ("restart" if suffix else "interrupt"):
            raise RuntimeError(f"Stop would {mode} on this visit: the figures would not measure what they say")
        for _ in range(times):
            record[f"stop_ready{suffix}_ms"].append(self.stop_ready_ms())
            record[f"run_during{suffix}_ms"].append(self.run_during_ms())


def measure(root, origin, runs, reruns, throttled, memory_runs, solution, floor_paths, stay_ms=FIRST_VISIT_STAY_MS):
    from playwright.sync_api import sync_playwright

    urls = {"ours": f"{origin}/site/", "baseline": f"{origin}/baseline/",
            **{name: f"{origin}/{path}" for name, path in floor_paths.items()}}
    figures = {variant: {key: [] for key in TARGETS} for variant in urls}
    with sync_playwright() as playwright:
        for index in range(runs):
            for variant in ("baseline", "ours", *floor_paths):  # alternate, so drift on the machine hits all alike
                record = figures[variant]
                with fresh_profile(playwright) as context:
                    visit = Visit(context, urls[variant], variant, solution)
                    record["cold_ms"].append(visit.first_result_ms())
                    record["editor_ms"].append(visit.editor_ms())
                    record["first_visit_bytes"].append(visit.transferred_bytes())
                    if index == 0 and variant in ("ours", "baseline"):
                        record["memory_1_bytes"].append(visit.memory_bytes())
                        record["rerun_ms"].extend(visit.rerun_ms() for _ in range(reruns))
                        for _ in range(memory_runs - 1 - reruns):
                            visit.rerun_ms()
                        record["memory_n_bytes"].append(visit.memory_bytes())
                        if variant == "ours":  # the baseline's main thread cannot interrupt or replace Python
                            record["recovery_python_ms"].append(visit.recovery_ms(PYTHON_LOOP, "lastTimeoutAt"))
                            record["recovery_c_ms"].append(visit.recovery_ms(C_HANG, "lastDoneAt"))
                            visit.stop_figures(record, "_replace", min(STOP_SAMPLES, reruns))  # a first visit: not isolated yet
                    else:
                        visit.page.wait_for_timeout(stay_ms)
                    visit.page.close()
                    again = Visit(context, urls[variant], variant, solution)
                    record["second_visit_ms"].append(again.first_result_ms())
                    if index == 0 and variant == "ours":  # isolated by the service worker: Stop interrupts
                        again.stop_figures(record, "", min(STOP_SAMPLES, reruns))
                if throttled:
                    with fresh_profile(playwright) as context:
                        visit = Visit(context, urls[variant], variant, solution, network=THROTTLE)
                        record["throttled_ms"].append(visit.first_result_ms())
                print(f"[bench] run {index + 1}/{runs} {variant}: cold {record['cold_ms'][-1] / 1000:.2f} s", file=sys.stderr)
    return figures


def run_benchmark(exercise, *, runs, reruns, throttled, out, memory_runs=100, pages=True, bulk=None, browsers=None,
                  stay_ms=FIRST_VISIT_STAY_MS):
    """pages: measure the site against the baseline in Chromium; bulk: {folder, jobs, rounds, limit} for the
    re-grade's throughput (runner/bench/bulk.py), or None; browsers: {names, runs}: the cold first result and
    Stop in other browsers (runner/bench/other_browsers.py), or None; stay_ms: how long a first visit stays
    open (less only to prove the machinery works: the second visit then finds less in the code cache)."""
    report = {}
    if pages:
        report.update(_measure_pages(exercise, runs, reruns, throttled, memory_runs, stay_ms))
    if browsers:
        from runner.bench.other_browsers import browsers_table, measure_browsers

        report["browsers"] = measure_browsers(exercise, browsers["names"], browsers["runs"])
        print()
        print(browsers_table(report["browsers"]))
    if bulk:
        files, seconds = measure_bulk(exercise, bulk["folder"], jobs=bulk["jobs"], rounds=bulk["rounds"],
                                      limit=bulk["limit"])
        report["bulk"] = summarize_bulk(files, seconds)
        report["bulk_jobs"] = bulk["jobs"]
        print()
        print(bulk_table(report["bulk"], bulk["jobs"]))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(report, indent=1))
    written = [out]
    if pages:
        svg = Path(out).with_suffix(".svg")
        svg.write_text(render_svg(report))
        written.append(svg)
    print(f"written {' and '.join(map(str, written))}")
    return report


def _measure_pages(exercise, runs, reruns, throttled, memory_runs, stay_ms):
    floor_pages = floors(build_bundle(exercise))
    with tempfile.TemporaryDirectory(prefix="bench-") as root:
        build_sites(exercise, root)
        server = pages_like_server(root)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            figures = measure(root, f"http://127.0.0.1:{server.server_address[1]}", runs, reruns, throttled,
                              max(memory_runs, reruns + 1), exercise.path("reference").read_text(),
                              {name: path for name, (_, path) in floor_pages.items()}, stay_ms)
        finally:
            server.shutdown()
    rows = summarize(figures)
    print(table(rows))
    print(f"(N = {max(memory_runs, reruns + 1)} runs; the baseline has no recovery figures: its Python runs on the "
          "page's main thread, which a loop freezes)")
    floor_labels = {name: label for name, (label, _) in floor_pages.items()}
    print()
    print(floor_table(rows, floor_labels))
    return {"runs": runs, "reruns": reruns, "memory_runs": max(memory_runs, reruns + 1), "figures": rows,
            "floors": floor_labels, "raw": figures}
