"""Issue 5 in the real browser: submissions that attack the page (messages from `import js`, patched worker
globals) or abuse resources get their declared verdicts, and afterwards the same page, without a reload,
still grades the reference 5/5."""
import ast
from pathlib import Path

from browser_helpers import ROOT
from runner.authoring.solutions import declared_verdict

SHARED = ROOT / "tests" / "submissions"
PAGE_ONLY = sorted((Path(__file__).parent / "submissions").glob("*.py"))
# The shared submissions that stress the page: timeouts, crashes, floods, cheats.
FROM_SHARED = [SHARED / name for name in ("endless_loop_in_relu.py", "output_flood.py", "os_exit.py", "deep_recursion.py",
                                          "recursion_limit_raised.py", "forges_harness_output.py",
                                          "patch_allclose_on_wrong.py", "loop_at_import.py")]
TEST_FUNCTIONS = [node.name for node in ast.parse((ROOT / "hidden_tests" / "test_relu.py").read_text()).body
                  if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]


def test_every_attack_gets_its_verdict_and_the_page_still_grades_the_reference(new_page):
    watch = new_page().open().wait_python()
    problems = []
    for path in PAGE_ONLY + FROM_SHARED:
        watch.set_code(path.read_text())
        summary = watch.run_and_wait()
        kind, failures = declared_verdict(path)
        if kind == "error":
            if not watch.page.locator("#run-error").is_visible():
                problems.append(f"{path.name}: expected a run error, got {summary!r}")
            continue
        expected = ["Passed" if name not in failures else "not passed" for name in TEST_FUNCTIONS]
        got = ["Passed" if status == "Passed" else "not passed" for status in watch.statuses()]
        if got != expected:
            problems.append(f"{path.name}: expected {expected}, got {watch.statuses()} ({summary})")
        outputs = watch.page.locator("#tests pre.output").all_inner_texts()
        if any(len(text) > 4200 for text in outputs):
            problems.append(f"{path.name}: printed output was not capped")
    watch.set_code((ROOT / "exercise" / "reference_solution.py").read_text())
    assert watch.run_and_wait() == "All 5 tests passed. Well done!"
    assert problems == [], "\n".join(problems + ["worker console:"] + watch.worker_log[-30:] + watch.errors)


def test_a_memory_bomb_is_reported_and_the_page_recovers(new_page):
    # In wasm the allocations run in C, beyond the interrupt's reach, and can outlast the run's limit: then
    # the worker is replaced and the tests show as timed out. Either way relu's tests do not pass.
    watch = new_page().open().wait_python()
    watch.set_code((SHARED / "memory_bomb.py").read_text())
    watch.run_and_wait()
    assert all(status in ("Error", "Timed out") for status in watch.statuses()[:2]), watch.statuses()
    watch.set_code((ROOT / "exercise" / "reference_solution.py").read_text())
    assert watch.run_and_wait() == "All 5 tests passed. Well done!"


def test_a_run_that_poisons_its_interpreter_does_not_reach_the_next_run(new_page):
    # The page reuses a student interpreter only while runs leave it unchanged (engine.mjs, isClean): this one
    # replaces np.maximum, which the reference relies on.
    watch = new_page().open().wait_python()
    watch.set_code((Path(__file__).parent / "submissions" / "poisons_numpy_for_the_next_run.py").read_text())
    assert watch.run_and_wait() == "All 5 tests passed. Well done!"
    watch.set_code((ROOT / "exercise" / "reference_solution.py").read_text())
    assert watch.run_and_wait() == "All 5 tests passed. Well done!"
