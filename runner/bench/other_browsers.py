"""The benchmark in Firefox and WebKit (issue 28): cold time to first result of the site and of the baseline
page, in the same browser_name and the same run, through runner/browsers/drivers.py; and, for the site, how long a
Stop during a hang in C code takes until Python is ready again, against the baseline's warm start (its
second visit, in the same page); and Stop during a Python loop on the site's second visit, cross-origin
isolated, where it interrupts in place (issue 29), against that worker replacement. WebKit's pages get
JavaScriptCore's SharedArrayBuffer, which Safari ships on and WebKitGTK leaves off (runner/browsers/drivers.py). Each visit is a fresh page of a fresh browser context (a new MiniBrowser for WebKit), so
cold; the warm start visits the same context twice."""
import statistics
import tempfile
import threading

from runner.browsers import drivers
from runner.bench.sites import build_sites, pages_like_server

C_HANG = "def relu(x):\n    return sum(range(10 ** 15))\n"
PYTHON_LOOP = "def relu(x):\n    while True:\n        pass\n"
# Installed in a page just after it starts loading: the time its first results were shown (see measure.py)
RESULTS_SHOWN = ("(() => { const mark = () => { const body = document.body; if (!body || body.dataset.benchShownAt) return;"
                 " if (body.dataset.runs !== '1' && body.dataset.done !== '1') return;"
                 " requestAnimationFrame(() => setTimeout(() => { body.dataset.benchShownAt = String(performance.now()); }, 0)); };"
                 " new MutationObserver(mark).observe(document, {attributes: true, subtree: true,"
                 " attributeFilter: ['data-runs', 'data-done']}); mark(); return true; })()")


def first_result_ms(page, url, variant, solution):
    page.goto(url)
    page.evaluate(RESULTS_SHOWN)
    if variant == "ours":
        page.wait_for("document.body.dataset.editorReady === 'true'")
        page.drop_code(solution)
        page.click("#run")
    shown = float(page.wait_for("Number(document.body.dataset.benchShownAt || 0)", timeout=300))
    if variant == "ours" and not page.evaluate("document.querySelector('#summary').textContent").startswith("All "):
        raise RuntimeError(f"the reference did not pass in {page.browser_name}")
    return shown


def stop_recovery_ms(page):
    """Stop pressed during a hang in C code, until Python is ready again (the worker is replaced)."""
    page.drop_code(C_HANG)
    page.click("#run")
    page.wait_for("document.querySelector('#tests .badge-running') !== null")
    started = page.evaluate("performance.now()")
    page.click("#stop")
    page.wait_for("document.body.dataset.pythonReady !== 'true'")
    page.wait_for("document.body.dataset.pythonReady === 'true'", timeout=300)
    return page.evaluate("performance.now()") - started


def stop_in_place_ms(page):
    """On the page's second visit (isolated by the service worker), Stop during a Python loop until Python is
    ready again; raises unless the page interrupts in place."""
    page.wait_for("document.body.dataset.offlineReady === 'true'", timeout=120)
    page.reload()
    page.wait_for("document.body.dataset.pythonReady === 'true'", timeout=300)
    mode = page.evaluate("document.body.dataset.stopMode")
    if mode != "interrupt":
        raise RuntimeError(f"{page.browser_name}: Stop would {mode} on a second visit")
    page.drop_code(PYTHON_LOOP)
    page.click("#run")
    page.wait_for("document.querySelector('#tests .badge-running') !== null")
    pressed = page.evaluate("(() => { const at = performance.now(); document.querySelector('#stop').click(); return at; })()")
    page.wait_for(f"Number(document.body.dataset.pythonReadyAt || 0) > {pressed}", timeout=300)
    return page.evaluate("Number(document.body.dataset.pythonReadyAt)") - pressed


def measure_browser(browser_name, origin, runs, solution):
    browser = drivers.start(browser_name)
    figures = {"ours_cold_ms": [], "baseline_cold_ms": [], "baseline_warm_ms": [], "stop_ready_ms": [],
               "stop_in_place_ms": []}
    try:
        for index in range(runs):
            for variant in ("baseline", "ours"):
                page = browser.new_page(**({"shared_memory": True} if browser_name == "webkit" and variant == "ours" else {}))
                try:
                    page_url = f"{origin}/{'site' if variant == 'ours' else 'baseline'}/"
                    ms = first_result_ms(page, page_url, variant, solution)
                    figures[f"{variant}_cold_ms"].append(ms)
                    if variant == "ours":
                        figures["stop_ready_ms"].append(stop_recovery_ms(page))
                        figures["stop_in_place_ms"].append(stop_in_place_ms(page))
                    else:  # the same page again, its files in the browser's cache: what Stop is held to
                        figures["baseline_warm_ms"].append(first_result_ms(page, page_url, variant, solution))
                finally:
                    page.close()
                print(f"[bench] {browser_name} run {index + 1}/{runs} {variant}: cold {ms / 1000:.2f} s", flush=True)
    finally:
        browser.close()
    return figures


def measure_browsers(exercise, browsers, runs):
    """{browser_name: {figure: [ms...]}} for each browser_name that can be driven here."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-browsers-") as root:
        build_sites(exercise, root)
        server = pages_like_server(root)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for browser_name in browsers:
                reason = drivers.missing(browser_name)
                if reason:
                    print(f"[bench] {browser_name}: not measured: {reason}")
                    continue
                results[browser_name] = measure_browser(browser_name, f"http://127.0.0.1:{server.server_address[1]}", runs,
                                                 exercise.path("reference").read_text())
        finally:
            server.shutdown()
    return results


def browsers_table(results):
    lines = ["browser_name     ours cold   baseline cold   ratio (<= 1.0x)   Stop -> ready   baseline warm   ratio (<= 1.0x)"
             "   Stop in place   ratio to Stop (<= 0.1x)", "-" * 144]
    for browser_name, figures in results.items():
        ours, base, stop, warm, in_place = (statistics.median(figures[key]) for key in (
            "ours_cold_ms", "baseline_cold_ms", "stop_ready_ms", "baseline_warm_ms", "stop_in_place_ms"))
        lines.append(f"{browser_name:10} {ours / 1000:6.2f} s    {base / 1000:6.2f} s        {ours / base:5.2f}             "
                     f"{stop / 1000:6.2f} s        {warm / 1000:6.2f} s        {stop / warm:5.2f}             "
                     f"{in_place / 1000:6.2f} s        {in_place / stop:5.2f}")
    return "\n".join(lines)
