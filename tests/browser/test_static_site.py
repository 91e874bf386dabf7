"""The built site is the whole product: it works under any sub-path, offline after the first visit, a new
build replaces the cached files without touching the student's code, and it ships no reference solution."""
import json
import shutil
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from browser_helpers import ROOT, PageWatch
from runner.site.build import PYODIDE_FETCHED, build
from runner.judge.exercise import Exercise
from runner.site.serve import make_server

SUB_PATH = "/course/relu/"
REFERENCE = (ROOT / "exercise" / "reference_solution.py").read_text()


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """A plain static server whose root holds the site at /course/relu/ (like USER.github.io/REPO/)."""
    root = tmp_path_factory.mktemp("host")
    site = build(Exercise.load(ROOT / "exercise"), root / "course" / "relu")
    server = make_server(root, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"origin": f"http://127.0.0.1:{server.server_address[1]}", "site": site}
    server.shutdown()


def open_sub_path(browser, hosted):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    watch = PageWatch(context.new_page(), hosted["origin"])
    return context, watch.open(SUB_PATH)


def test_sub_path_then_offline_reload_still_runs_the_tests(browser, hosted):
    context, watch = open_sub_path(browser, hosted)
    try:
        watch.wait_python()
        watch.page.wait_for_selector("body[data-offline-ready=true]", timeout=60_000)
        watch.set_code(REFERENCE)
        assert watch.run_and_wait() == "All 5 tests passed. Well done!"
        assert all(url.startswith(hosted["origin"] + SUB_PATH) or url.startswith(("data:", "blob:"))
                   for url in watch.requests)
        context.set_offline(True)
        watch.page.reload()
        watch.page.wait_for_selector("body[data-editor-ready=true]")
        watch.wait_python()
        assert watch.run_and_wait() == "All 5 tests passed. Well done!"  # the saved code, graded offline
        # the service worker's copy makes the page cross-origin isolated offline too: Stop keeps Python (issue 29)
        assert watch.stop_mode() == [True, "interrupt"]
        watch.start_hung_run("def relu(x):\n    while True:\n        pass\n")
        assert watch.stop_and_wait_python().startswith("Stopped.")
        watch.set_code(REFERENCE)
        assert watch.run_and_wait() == "All 5 tests passed. Well done!"
        assert watch.errors == []
    finally:
        context.close()


WORKER_FETCHES = """() => performance.getEntriesByType("resource").filter((entry) => entry.name.includes("/pyodide/"))
    .map((entry) => [entry.name.split("/").pop(), entry.deliveryType, entry.responseStatus])"""


def grader_worker_fetches(page):
    """The grader worker's requests for Pyodide files: [name, how it was delivered ("cache-storage": by the
    service worker, "cache": the HTTP cache), HTTP status (0: the request failed)]."""
    [worker] = [worker for worker in page.workers if worker.url.endswith("/worker.js")]
    return worker.evaluate(WORKER_FETCHES)


def grader_worker_deliveries(page):
    return {name: how for name, how, _ in grader_worker_fetches(page)}


def test_a_returning_visit_reads_the_big_files_from_the_http_cache_and_offline_from_the_service_worker(
        browser, hosted):
    """Served by the service worker, the interpreter and wheels cost a returning student 0.3 to 0.45 s (issue 6):
    while the browser is online they come from its HTTP cache; offline, from the service worker's copy."""
    context, watch = open_sub_path(browser, hosted)
    try:
        watch.wait_python()
        watch.page.wait_for_selector("body[data-offline-ready=true]", timeout=60_000)
        watch.page.reload()
        watch.wait_python()
        online = grader_worker_deliveries(watch.page)
        assert "pyodide.asm.wasm" in online and any(name.startswith("numpy-") for name in online), online
        fetched = {name: how for name, how in online.items() if Path(name).suffix in PYODIDE_FETCHED}
        assert len(fetched) >= 5 and "cache-storage" not in fetched.values(), online
        context.set_offline(True)
        watch.page.reload()
        watch.wait_python()
        offline = grader_worker_deliveries(watch.page)
        assert offline["pyodide.asm.wasm"] == "cache-storage", offline
    finally:
        context.close()


def test_python_starts_from_the_offline_copy_when_the_server_is_gone_but_the_browser_is_online(browser, tmp_path):
    """The browser believes it is online, so the service worker leaves the big files to the network; the
    server is gone, so the worker falls back to the service worker's copy (worker.js)."""
    site = build(Exercise.load(ROOT / "exercise"), tmp_path / "site")
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        watch = PageWatch(context.new_page(), f"http://127.0.0.1:{server.server_address[1]}").open("/")
        watch.wait_python()
        watch.page.wait_for_selector("body[data-offline-ready=true]", timeout=60_000)
        server.shutdown()
        server.server_close()
        watch.page.reload()
        watch.page.wait_for_selector("body[data-editor-ready=true]")
        watch.wait_python()
        statuses = [status for name, _, status in grader_worker_fetches(watch.page) if name == "pyodide.asm.wasm"]
        assert statuses and set(statuses) == {0}, statuses  # every request failed: the copy came from the cache
        watch.set_code(REFERENCE)
        assert watch.run_and_wait() == "All 5 tests passed. Well done!"
    finally:
        context.close()
        server.server_close()


def test_a_new_build_replaces_the_cache_and_keeps_the_code(browser, hosted, tmp_path):
    context, watch = open_sub_path(browser, hosted)
    try:
        watch.wait_python()
        watch.page.wait_for_selector("body[data-offline-ready=true]", timeout=60_000)
        old = watch.page.evaluate("() => caches.keys()")
        watch.set_code("# survives a new build\n" + REFERENCE)
        watch.page.wait_for_function("() => document.querySelector('#save-status').textContent.startsWith('Saved')")
        # rebuild into the same folder with a changed exercise version: new files, new cache version
        exercise_dir = tmp_path / "exercise"
        shutil.copytree(ROOT / "exercise", exercise_dir)
        shutil.copytree(ROOT / "hidden_tests", tmp_path / "hidden_tests")
        metadata = json.loads((exercise_dir / "exercise.json").read_text())
        metadata["version"] = "1.0.1"
        (exercise_dir / "exercise.json").write_text(json.dumps(metadata))
        build(Exercise.load(exercise_dir), hosted["site"])
        watch.page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
        for _ in range(120):  # wait_for_function does not await promises: poll the caches from here
            keys = watch.page.evaluate("() => caches.keys()")
            if len(keys) == 1 and keys != old:
                break
            watch.page.wait_for_timeout(500)
        assert len(keys) == 1 and keys != old, keys
        watch.page.reload()
        watch.page.wait_for_selector("body[data-editor-ready=true]")
        config = json.loads(watch.page.evaluate("() => document.getElementById('exercise-config').textContent"))
        assert config["version"] == "1.0.1"
        assert watch.editor_text().startswith("# survives a new build")
    finally:
        context.close()
        build(Exercise.load(ROOT / "exercise"), hosted["site"])


def test_the_site_holds_no_reference_no_wrong_solutions_no_build_machine_urls(hosted):
    site = hosted["site"]
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "sw.js", ".nojekyll", "bundle.json", "pyodide/pyodide.asm.wasm"} <= names
    assert not any("reference" in name or "wrong_solutions" in name for name in names)
    bundle = json.loads((site / "bundle.json").read_text())
    assert not any("reference" in path or "wrong" in path for path in [*bundle["judge_files"], *bundle["student_files"]])
    forbidden = [str(ROOT), str(site), "/tmp/", "/root/", "127.0.0.1", "localhost", REFERENCE.strip()]
    problems = []
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".mjs", ".json", ".css", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace")
            ours = not path.relative_to(site).as_posix().startswith("pyodide/")  # Pyodide's own code handles file:// URLs
            for needle in forbidden + (["file://"] if ours else []):
                if needle in text:
                    problems.append(f"{path.relative_to(site)} contains {needle[:40]!r}")
    assert problems == []
    # every URL in the page is relative
    page = (site / "index.html").read_text()
    assert 'src="/' not in page and 'href="/' not in page


def test_the_cdn_variant_loads_pyodide_from_the_official_cdn(tmp_path):
    site = build(Exercise.load(ROOT / "exercise"), tmp_path / "cdn", pyodide_cdn=True)
    page = (site / "index.html").read_text()
    config = json.loads(page.split('id="exercise-config">')[1].split("</script>")[0])
    assert config["pyodide"]["module"] == "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/pyodide.mjs"
    assert "script-src 'self' https://cdn.jsdelivr.net" in page
    served = sorted(p.name for p in (site / "pyodide").iterdir())
    assert served == ["iniconfig-2.0.0-py3-none-any.whl", "pluggy-1.5.0-py3-none-any.whl",
                      "pytest-8.3.5-py3-none-any.whl", "python_rest.json", "python_rest.zip"]
    assert not (site / "sw.js").exists()


def test_serve_command_prints_the_url_and_serves_wasm_with_its_mime_type():
    process = subprocess.Popen([sys.executable, "-m", "runner", "serve", "--port", "0"], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        url = line.split(" at ")[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "pyodide/pyodide.asm.wasm") as response:
            assert response.headers["Content-Type"] == "application/wasm"
        with urllib.request.urlopen(url) as response:
            assert b"Run tests" in response.read()
    finally:
        process.kill()
        process.wait()


def test_a_second_exercise_builds_and_is_solved_in_the_page(browser, tmp_path):
    """The runner is generic: another exercise's folder and hidden tests, no change to runner/."""
    sigmoid = ROOT / "tests" / "fixtures" / "sigmoid" / "exercise"
    site = build(Exercise.load(sigmoid), tmp_path / "sigmoid-site")
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        watch = PageWatch(context.new_page(), f"http://127.0.0.1:{server.server_address[1]}").open()
        assert "Sigmoid forward + backward" in watch.page.title()
        watch.wait_python()
        watch.set_code((sigmoid / "reference_solution.py").read_text())
        assert watch.run_and_wait() == "All 2 tests passed. Well done!"
        assert watch.errors == []
    finally:
        context.close()
        server.shutdown()


def test_a_tracks_site_lists_its_steps_and_a_step_that_imports_an_earlier_one_runs_in_the_page(browser, tmp_path):
    """build --track (issue 36): an index of the steps in order (axe: no violations), each step's page in its own
    folder; step 3's page grades a solution that imports step 1 (`from tensors import unbroadcast`), and its
    console imports it too."""
    from runner.course.track import Track
    from runner.site.build_track import build_track

    track = Track.load(ROOT / "track" / "track.json")
    site = build_track(track, tmp_path / "track-site")
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        index = context.new_page()
        index.goto(origin + "/")
        links = index.get_by_role("listitem").get_by_role("link")
        assert links.all_inner_texts() == [step.exercise.data["title"] for step in track.steps]
        index.evaluate((ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text() + "\n;undefined")
        assert index.evaluate("axe.run(document).then(r => r.violations.map(v => v.id))") == []
        index.get_by_role("link", name="Linear layers").click()
        index.wait_for_url(origin + "/linear/")
        watch = PageWatch(context.new_page(), origin).open("/linear/").wait_python()
        reference = track.step("linear").exercise.path("reference").read_text()
        assert "from tensors import unbroadcast" in reference
        watch.set_code(reference)
        assert watch.run_and_wait().startswith("All 8 tests passed")
        box = watch.page.get_by_label("Python to try")
        box.click()
        box.type("unbroadcast(np.ones((2, 3)), (3,))")
        box.press("Enter")
        watch.page.wait_for_function("() => Number(document.body.dataset.consoleEntries || 0) > 0", timeout=60_000)
        assert watch.page.locator("#console-log .entry .console-value").last.inner_text() == "array([2., 2., 2.])"
        assert watch.errors == []
    finally:
        context.close()
        server.shutdown()
