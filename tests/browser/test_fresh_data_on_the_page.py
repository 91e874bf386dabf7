"""Fresh data on the page (issue 26), in real Chromium: each run draws a new seed and says which; the student
can run again on the same data, once or for every run, so that a failure being debugged does not move."""
from browser_helpers import ROOT

LEAKY = (ROOT / "exercise" / "wrong_solutions" / "leaky.py").read_text()


def seed_shown(watch):
    text = watch.page.inner_text("#data-seed-text")
    return int(text.split("seed ")[1].rstrip(").")), text


def failure_messages(watch):
    return watch.page.locator("#tests .message").all_inner_texts()


def test_each_run_draws_new_data_and_the_same_data_can_be_had_again(new_page):
    watch = new_page().open().wait_python()
    assert watch.page.locator("#data-seed").is_hidden()
    watch.set_code(LEAKY)
    watch.run_and_wait()
    first, text = seed_shown(watch)
    assert "new data" in text
    first_messages = failure_messages(watch)
    watch.run_and_wait()
    second, _ = seed_shown(watch)
    assert second != first and failure_messages(watch) != first_messages  # new data, so other failing inputs

    before = watch.runs()
    watch.page.get_by_role("button", name="Run again with the same data").click()
    watch.page.wait_for_function(f"() => Number(document.body.dataset.runs) > {before}")
    assert seed_shown(watch)[0] == second
    same_messages = failure_messages(watch)

    watch.page.get_by_label("Keep these data for my next runs").check()
    for _ in range(2):  # Run tests (and Ctrl+Enter) now keep the data
        watch.run_and_wait()
        seed, text = seed_shown(watch)
        assert seed == second and "data you kept" in text
        assert failure_messages(watch) == same_messages
    watch.page.get_by_label("Keep these data for my next runs").uncheck()
    watch.run_and_wait()
    assert seed_shown(watch)[0] != second
    assert watch.errors == []


def test_a_stopped_run_keeps_its_seed_and_results_carry_it(new_page):
    watch = new_page().open().wait_python()
    watch.set_code("import numpy as np\n\ndef relu(x):\n    while True:\n        pass\n\n"
                   "def relu_backward(grad_out, x):\n    return grad_out * (x > 0)\n")
    before = watch.runs()
    watch.page.click("#run")
    watch.page.wait_for_selector("#tests .badge-running")
    watch.page.click("#stop")
    watch.page.wait_for_function(f"() => Number(document.body.dataset.runs) > {before}")
    seed, _ = seed_shown(watch)
    assert 0 <= seed < 2 ** 53


def test_the_page_and_the_re_grade_agree_on_the_same_seed(new_page):
    """The page's Pyodide and `check` (CPython) grade the same code on the same data alike: same verdicts,
    same messages (which name the inputs), same hints."""
    import json
    import subprocess
    import sys

    watch = new_page().open().wait_python()
    watch.set_code(LEAKY)
    watch.run_and_wait()
    seed, _ = seed_shown(watch)
    rows = watch.page.locator("#tests li")
    on_page = [(rows.nth(i).locator(".badge").inner_text(), rows.nth(i).locator(".message").all_inner_texts(),
                rows.nth(i).locator(".hint").all_inner_texts()) for i in range(rows.count())]
    done = subprocess.run([sys.executable, "-m", "runner", "check", "--json", "--seed", str(seed),
                           str(ROOT / "exercise" / "wrong_solutions" / "leaky.py")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    [regraded] = json.loads(done.stdout)
    labels = {"pass": "Passed", "fail": "Failed", "error": "Error"}
    assert on_page == [(labels[t["status"]], [t["message"]] if t["message"] else [],
                        [f"Hint: {t['hint']}"] if t.get("hint") else []) for t in regraded["tests"]]
