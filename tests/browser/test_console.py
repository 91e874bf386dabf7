"""The console under the editor ("Try it", issue 29), in real Chromium: values, printed text, errors with line
links into the editor, an endless loop stopped, history, the examples, a phone, accessibility; and that what
the console does never reaches a grade."""
import pytest

from browser_helpers import ARTIFACTS, ROOT

REFERENCE = (ROOT / "exercise" / "reference_solution.py").read_text()
BROKEN = "import numpy as np\n\n\ndef relu(x):\n    return x + undefined_name\n\n\ndef relu_backward(grad_out, x):\n    return grad_out * (x > 0)\n"
ALL_PASSED = "All 5 tests passed. Well done!"


def entries(watch):
    return int(watch.page.evaluate("Number(document.body.dataset.consoleEntries || 0)"))


def enter(watch, text):
    """Type `text` into the console (Shift+Enter between lines), press Enter; the entry's last block."""
    before = entries(watch)
    box = watch.page.get_by_label("Python to try")
    box.click()
    for index, line in enumerate(text.split("\n")):
        if index:
            box.press("Shift+Enter")
        box.type(line)
    box.press("Enter")
    watch.page.wait_for_function(f"() => Number(document.body.dataset.consoleEntries || 0) > {before}", timeout=60_000)
    return watch.page.locator("#console-log .entry").last


def test_values_printed_text_and_names_kept_between_entries(new_page):
    watch = new_page().open().wait_python()
    watch.set_code(REFERENCE)
    shown = enter(watch, "relu(np.array([-2.0, 0.0, 3.0]))")
    assert shown.locator(".console-input").inner_text() == ">>> relu(np.array([-2.0, 0.0, 3.0]))"
    assert shown.locator(".console-value").inner_text() == "array([0., 0., 3.])"
    shown = enter(watch, "x = np.array([-1.0, 2.0])\nprint('grad:', relu_backward(np.ones(2), x))")
    assert shown.locator(".console-input").inner_text() == ">>> x = np.array([-1.0, 2.0])\n... print('grad:', relu_backward(np.ones(2), x))"
    assert shown.locator(".console-output").inner_text() == "grad: [0. 1.]"
    assert enter(watch, "x * 3").locator(".console-value").inner_text() == "array([-3.,  6.])"
    assert watch.page.get_by_role("log").count() == 1  # announced politely as it grows
    assert watch.page.locator("#console-log").get_attribute("aria-live") == "polite"
    assert watch.errors == []


def test_an_error_links_to_its_line_and_the_editor_goes_there(new_page):
    watch = new_page().open().wait_python()
    watch.set_code(BROKEN)
    shown = enter(watch, "relu(np.zeros(2))")
    error = shown.locator(".console-error")
    assert "NameError: name 'undefined_name' is not defined" in error.inner_text()
    assert 'File "<console>", line 1' in error.inner_text()
    link = error.get_by_role("button", name="Go to line 5 of solution.py")
    link.click()
    assert watch.page.evaluate("document.querySelector('.cm-activeLine').textContent") == "    return x + undefined_name"


def test_an_endless_loop_is_stopped_and_the_console_goes_on(new_page):
    watch = new_page().open().wait_python()
    watch.set_code(REFERENCE)
    shown = enter(watch, "while True:\n    pass")
    assert "Stopped after 3 s: is there an endless loop?" in shown.locator(".console-error").inner_text()
    assert enter(watch, "relu(np.array(-1.0))").locator(".console-value").inner_text() == "np.float64(0.0)"


def test_history_comes_back_with_up_and_down_and_examples_run_in_one_click(new_page):
    watch = new_page().open().wait_python()
    watch.set_code(REFERENCE)
    enter(watch, "1 + 1")
    enter(watch, "2 + 2")
    box = watch.page.get_by_label("Python to try")
    box.type("3 +")
    box.press("ArrowUp")
    assert box.input_value() == "2 + 2"
    box.press("ArrowUp")
    assert box.input_value() == "1 + 1"
    box.press("ArrowDown")
    box.press("ArrowDown")
    assert box.input_value() == "3 +"  # the entry being written comes back
    before = entries(watch)
    watch.page.get_by_role("button", name="Try the example relu(np.array([-2.0, -0.1, 0.0, 0.1, 5.0]))").click()
    watch.page.wait_for_function(f"() => Number(document.body.dataset.consoleEntries) > {before}")
    assert watch.page.locator("#console-log .entry").last.locator(".console-value").inner_text() == "array([0. , 0. , 0. , 0.1, 5. ])"


def test_what_the_console_does_never_reaches_a_grade(new_page):
    """The console runs in an interpreter of its own: changing NumPy or the solution's module there leaves
    the next run's verdicts alone, and the run grades the code in the editor."""
    watch = new_page().open().wait_python()
    watch.set_code(REFERENCE)
    enter(watch, "import numpy, solution\nnumpy.maximum = lambda a, b: a\nsolution.relu = lambda x: x\nnp.random.seed(0)")
    assert watch.run_and_wait() == ALL_PASSED
    wrong = (ROOT / "exercise" / "wrong_solutions" / "identity.py").read_text()
    watch.set_code(wrong)
    assert watch.run_and_wait() != ALL_PASSED
    # and the console follows the editor: the identity solution's relu now answers there (in the console's
    # own interpreter, whose patched NumPy it keeps: its arrays no longer print)
    assert enter(watch, "float(relu(np.array([-1.0]))[0])").locator(".console-value").inner_text() == "-1.0"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_console_passes_an_accessibility_audit(new_page, scheme):
    watch = new_page(color_scheme=scheme).open().wait_python()
    watch.set_code(BROKEN)
    enter(watch, "print('hello')\nrelu(np.zeros(2))")
    enter(watch, "relu_backward(np.ones(2), np.array([-1.0, 1.0]))")
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
    watch.page.evaluate(axe + "\n;undefined")
    violations = watch.page.evaluate("axe.run(document).then(r => r.violations.map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")
    ARTIFACTS.mkdir(exist_ok=True)
    watch.page.locator(".console").screenshot(path=str(ARTIFACTS / f"console-{scheme}.png"))
    assert violations == []


def test_the_console_on_a_phone(new_page):
    watch = new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True).open().wait_python()
    watch.set_code(REFERENCE)
    enter(watch, "relu(np.linspace(-3, 3, 40))")
    assert watch.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    watch.page.locator(".console").screenshot(path=str(ARTIFACTS / "console-phone.png"))


def test_try_this_input_replays_a_failing_call_with_its_data(new_page):
    """A failing test's "Try this input" runs its call again in the console, on the run's own data: what came
    back next to what was expected, the differing elements named."""
    watch = new_page().open().wait_python()
    watch.set_code((ROOT / "exercise" / "wrong_solutions" / "ge_mask.py").read_text())
    watch.run_and_wait()
    failing = watch.page.locator("#tests li").nth(3)
    message = failing.locator(".message").inner_text()  # "... wrong value at index (1,): expected 0.0, got 1.0 ..."
    before = entries(watch)
    failing.get_by_role("button", name="Try this input").click()
    watch.page.wait_for_function(f"() => Number(document.body.dataset.consoleEntries) > {before}")
    shown = watch.page.locator("#console-log .entry").last
    assert "compare(relu_backward(grad_out, x), expected)" in shown.locator(".console-input").inner_text()
    value = shown.locator(".console-value").inner_text()
    assert value.startswith("got:") and "\nexpected:" in value
    first_index = message.split("wrong value at index ")[1].split(":")[0]
    assert f"differs at {first_index}: got np.float64(1.0), expected np.float64(0.0)" in value
    # the passing tests offer no replay
    assert watch.page.locator("#tests li").nth(0).get_by_role("button", name="Try this input").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    watch.page.locator(".console").screenshot(path=str(ARTIFACTS / "console-try-this-input.png"))


def test_an_entry_that_changes_the_workers_javascript_gets_a_fresh_worker(new_page):
    """Console entries reach the worker's JavaScript through `import js`, as solutions do: an entry that changes
    it retires the worker (the engine could no longer be trusted), and the next run grades in a fresh one."""
    watch = new_page().open().wait_python()
    watch.set_code(REFERENCE)
    enter(watch, "import js\njs.JSON.parse = js.JSON.stringify")
    watch.page.wait_for_selector("body:not([data-python-ready])", timeout=30_000)
    watch.wait_python()
    assert watch.run_and_wait() == ALL_PASSED
