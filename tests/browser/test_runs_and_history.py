"""Issue 21 in real Chromium: Stop, Run tests during a run, two tabs of the same exercise, and the history of
versions. A student never presses a button and sees nothing happen, and never loses an edit."""
import pytest

from browser_helpers import ARTIFACTS, ROOT
from runner.browsers.chromium import set_code

REFERENCE = (ROOT / "exercise" / "reference_solution.py").read_text()
PYTHON_LOOP = ("import numpy as np\n\ndef relu(x):\n    while True:\n        pass\n\n"
               "def relu_backward(grad_out, x):\n    return grad_out * (x > 0)\n")
C_HANG = "def relu(x):\n    return sum(range(10 ** 15))\n"  # C code: no interrupt reaches it


def start_a_run(watch):
    watch.page.click("#run")
    watch.page.wait_for_function("() => document.querySelector('#tests .badge-running') !== null")


def wait_runs(watch, count):
    watch.page.wait_for_function(f"() => Number(document.body.dataset.runs || 0) >= {count}", timeout=120_000)


def history_entries(page):
    page.get_by_role("button", name="History").click()
    entries = page.locator("#history-dialog .history-item").all_inner_texts()
    previews = []
    for index in range(len(entries)):
        page.locator("#history-dialog .history-item").nth(index).click()
        previews.append(page.inner_text("#history-dialog .history-preview"))
    page.get_by_role("button", name="Close").click()
    return entries, previews


# A Python loop: on a first visit Stop replaces the worker whatever the code does (C code that never checks for
# signals is stopped on a second visit in test_stop_in_place.py, and times out in test_page.py)
@pytest.mark.parametrize("code", [PYTHON_LOOP], ids=["python-loop"])
def test_stop_ends_the_run_at_once_and_python_is_ready_again_without_a_reload(new_page, code):
    watch = new_page().open().wait_python()
    watch.set_code(code)
    start_a_run(watch)
    stop = watch.page.get_by_role("button", name="Stop")
    stop.focus()
    watch.page.keyboard.press("Enter")  # reachable by keyboard
    wait_runs(watch, 1)
    assert watch.page.inner_text("#summary").startswith("Stopped.")
    assert watch.statuses()[0] == "Stopped" and set(watch.statuses()) <= {"Stopped", "Passed"}
    assert "Timed out" not in watch.statuses() and "Failed" not in watch.statuses()
    assert not stop.is_visible()
    assert watch.editor_text() == code  # the student's code is untouched
    watch.set_code(REFERENCE)
    assert watch.page.locator("#stale").is_visible()  # the stopped results are for the earlier code
    assert watch.run_and_wait() == "All 5 tests passed. Well done!"
    assert not watch.page.locator("#stale").is_visible()
    assert watch.errors == []


def test_escape_in_the_results_stops_a_run(new_page):
    watch = new_page().open().wait_python()
    watch.set_code(PYTHON_LOOP)
    start_a_run(watch)
    watch.page.locator("#tests li").first.click()  # the results area takes focus
    watch.page.keyboard.press("Escape")
    wait_runs(watch, 1)
    assert watch.page.inner_text("#summary").startswith("Stopped.")


@pytest.mark.parametrize("via", ["click", "Control+Enter"])
def test_run_tests_during_a_hung_run_grades_the_code_now_in_the_editor(new_page, via):
    watch = new_page().open().wait_python()
    watch.set_code(C_HANG)
    start_a_run(watch)
    watch.set_code(REFERENCE)  # fixed while the hung run goes on
    if via == "click":
        watch.page.click("#run")
    else:
        watch.page.locator(".cm-content").press(via)
    wait_runs(watch, 2)  # the hung run, stopped; then the fixed code's run
    assert watch.page.inner_text("#summary") == "All 5 tests passed. Well done!"
    assert watch.statuses() == ["Passed"] * 5
    assert not watch.page.locator("#stale").is_visible()
    assert watch.errors == []


def test_results_say_when_they_belong_to_an_earlier_version(new_page):
    watch = new_page().open().wait_python()
    watch.set_code(REFERENCE)
    watch.run_and_wait()
    assert not watch.page.locator("#stale").is_visible()
    watch.page.locator(".cm-content").press("Control+End")
    watch.page.keyboard.type("\n# changed")
    stale = watch.page.locator("#stale")
    assert stale.is_visible() and "earlier version of your code" in stale.inner_text()
    before = watch.runs()
    stale.get_by_role("button", name="Run the tests again").click()
    wait_runs(watch, before + 1)
    assert not stale.is_visible()


def test_two_tabs_never_overwrite_each_other_and_every_edit_survives_reloads(new_page):
    first = new_page()
    first.open()
    context = first.page.context
    second = context.new_page()
    second.goto(first.origin + "/")
    second.wait_for_selector("body[data-editor-ready=true]")
    first.set_code("# edit in tab A\n" + REFERENCE)
    first.page.wait_for_function("() => document.querySelector('#save-status').textContent.startsWith('Saved')")
    # tab B is told before anything of its own is saved over tab A's
    second.wait_for_function("() => document.querySelector('#notices').textContent.includes('Another tab saved')")
    set_code(second, "# edit in tab B\n" + REFERENCE)
    second.wait_for_function("() => document.querySelector('#save-status').textContent.startsWith('Not saved')")
    first.set_code("# later edit in tab A\n" + REFERENCE)
    first.page.wait_for_function("() => document.querySelector('#save-status').textContent.startsWith('Saved')")
    first.page.reload()
    second.reload()
    for page in (first.page, second):
        page.wait_for_selector("body[data-editor-ready=true]")
    editors = [first.editor_text(), second.locator(".cm-content").inner_text()]
    _, previews = history_entries(first.page)
    everywhere = "\n".join(editors + previews)
    for edit in ("# edit in tab A", "# edit in tab B", "# later edit in tab A"):
        assert edit in everywhere, edit
    # restoring tab B's edit works, and can be undone
    first.page.get_by_role("button", name="History").click()
    items = first.page.locator("#history-dialog .history-item")
    for index in range(items.count()):
        items.nth(index).click()
        if first.page.inner_text("#history-dialog .history-preview").startswith("# edit in tab B"):
            break
    first.page.get_by_role("button", name="Restore this version").click()
    assert first.editor_text().startswith("# edit in tab B")
    first.page.get_by_role("button", name="Undo").click()
    assert not first.editor_text().startswith("# edit in tab B")


def test_loading_the_other_tabs_code_keeps_this_tabs_in_the_history(new_page):
    first = new_page()
    first.open()
    second = first.page.context.new_page()
    second.goto(first.origin + "/")
    second.wait_for_selector("body[data-editor-ready=true]")
    set_code(second, "# mine in tab B\n")
    second.wait_for_function("() => document.querySelector('#save-status').textContent.startsWith('Saved')")
    first.page.get_by_role("button", name="History").click()  # a later notice leaves the choice on screen
    first.page.get_by_role("button", name="Restore this version").click()
    assert first.page.get_by_role("button", name="Undo").is_visible()
    first.page.get_by_role("button", name="Keep mine").click()  # tab A was told of B's save: it keeps its own
    first.set_code("# theirs from tab A\n")
    first.page.wait_for_function("() => document.querySelector('#save-status').textContent.startsWith('Saved')")
    second.get_by_role("button", name="Load the other tab's code").click()  # the newest of what A saved
    assert second.locator(".cm-content").inner_text().startswith("# theirs from tab A")
    _, previews = history_entries(second)
    assert any(p.startswith("# mine in tab B") for p in previews)


def test_history_keeps_runs_resets_and_opened_files_across_a_reload_and_a_closed_tab(new_page, tmp_path):
    watch = new_page().open().wait_python()
    watch.set_code("# a run\n" + REFERENCE)
    watch.run_and_wait()
    watch.set_code("# before the reset\n" + REFERENCE)
    watch.page.click("#reset")
    watch.page.locator("#reset-dialog").get_by_role("button", name="Reset").click()
    watch.page.wait_for_function("() => document.querySelector('.cm-content').textContent.includes('NotImplementedError')")
    watch.set_code("# before opening a file\n")
    opened = tmp_path / "other.py"
    opened.write_text("# opened\n")
    watch.open_file(opened)
    watch.page.reload()
    watch.page.wait_for_selector("body[data-editor-ready=true]")
    entries, previews = history_entries(watch.page)
    assert any(e.endswith("lines") and "Run, 5/5" in e for e in entries), entries
    assert any("Before a reset" in e for e in entries) and any("Before opening a file" in e for e in entries)
    assert any(p.startswith("# a run") for p in previews)
    context = watch.page.context
    watch.page.close()
    page = context.new_page()
    page.goto(watch.origin + "/")
    page.wait_for_selector("body[data-editor-ready=true]")
    _, after_close = history_entries(page)
    assert any(p.startswith("# before the reset") for p in after_close)
    assert any(p.startswith("# opened") for p in after_close)  # the closed tab's last edit


def test_the_history_is_bounded_oldest_first(new_page):
    watch = new_page().open()
    kept = watch.page.evaluate("""async () => {
        const { VersionHistory, MAX_VERSIONS } = await import("./runner/web/history.js");
        const history = new VersionHistory(JSON.parse(document.getElementById("exercise-config").textContent).id);
        for (let i = 0; i < MAX_VERSIONS + 10; i++) history.add(`# version ${i}`, "run", { score: "0/5" });
        const byCount = history.list().map((v) => v.code);
        history.add("x".repeat(600_000), "run");
        history.add("y".repeat(600_000), "run");  // over 1 MB with the one before: the oldest go until it fits
        return { byCount, bySize: history.list().map((v) => v.code.slice(0, 4)) };
    }""")
    assert len(kept["byCount"]) == 50
    assert kept["byCount"][0] == "# version 59" and kept["byCount"][-1] == "# version 10"
    assert kept["bySize"] == ["yyyy"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_history_and_stop_have_no_accessibility_violations_on_a_phone(new_page, scheme):
    watch = new_page(color_scheme=scheme, viewport={"width": 390, "height": 844}).open().wait_python()
    watch.set_code(REFERENCE)
    watch.run_and_wait()
    watch.set_code("# changed after the run\n" + REFERENCE)
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
    watch.page.evaluate(axe + "\n;undefined")
    audit = "axe.run(document).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
    assert watch.page.evaluate(audit) == []  # the stale-results note on screen
    watch.page.get_by_role("button", name="History").click()
    ARTIFACTS.mkdir(exist_ok=True)
    watch.page.screenshot(path=str(ARTIFACTS / f"history-{scheme}.png"))
    assert watch.page.evaluate(audit) == []
    watch.page.get_by_role("button", name="Close").click()
    watch.set_code(C_HANG)
    start_a_run(watch)
    assert watch.page.evaluate(audit) == []  # Stop on screen
