"""The judge's pytest command line. Shared with the assembly's warm-up (runner/assembly/pyc/warm_up.py, given these
arguments by runner/assembly/pyodide_dist.py), which must load the same plugins to serve their modules up front."""
import os


def pytest_args(tests_dir):
    return [str(tests_dir), "-q", "--rootdir", str(tests_dir), "-c", os.devnull,
            "-p", "runner.judge.seeding",  # the run's seed, which the judge sets (issue 26)
            "-p", "no:cacheprovider", "-p", "no:stepwise", "-p", "no:faulthandler", "-p", "no:pastebin",
            "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:setuponly", "-p", "no:setupplan",
            # no capture plugin: the judge collects pytest's own output itself, and the student's output
            # arrives through the wire; it also keeps one configuration reusable (pytest_session.py)
            "-p", "no:capture", "-o", "python_files=test_*.py", "-o", "console_output_style=classic",
            # Python's own tracebacks: the results take their messages from the exceptions (reporter.py), and
            # pytest's long ones parse and walk every file in the traceback: 70% of a failing run in Pyodide
            "--tb", "native"]
