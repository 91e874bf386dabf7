"""Time limits on every call into a browser driver (issue 34): a call that does not answer within its bound
kills the driver and its browser, so that the blocked call returns, and fails with a message naming the browser
and the call ("webkit: execute_script did not answer within 60 s"). A browser that cannot start is tried once
more, then fails. Processes are found through /proc, by parent: only what a driver started is ever killed."""
import contextlib
import os
import signal
import threading

CALL_SECONDS = 60  # far above any one call the scenarios make (page loads, scripts, clicks)
START_SECONDS = 120  # a browser's start on a busy 2-core machine, WebKit's included


class BrowserHung(RuntimeError):
    """A driver call that did not answer within its bound; its driver and browser have been killed."""


class BrowserDidNotStart(RuntimeError):
    """A browser that failed to start twice."""


def children_by_parent():
    tree = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    # the command name, in parentheses, may hold spaces: the parent pid follows its last ')'
                    parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(parent, []).append(int(entry))
    return tree


def descendants(pid):
    """The pids of every process under `pid` (not `pid` itself), children first."""
    tree, found, todo = children_by_parent(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def process_name(pid):
    """The command name of process `pid` ("" once it is gone)."""
    try:
        with open(f"/proc/{pid}/comm") as comm:
            return comm.read().strip()
    except OSError:
        return ""


def kill_tree(pid, include_root=True):
    """SIGKILL `pid`'s descendants (listed before any dies, so none is re-parented away) and, unless told not
    to, `pid` itself. A stopped process dies too."""
    for victim in descendants(pid) + ([pid] if include_root else []):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(victim, signal.SIGKILL)


def signal_tree(pid, signum):
    """Send `signum` to every process under `pid` (the tests stop a browser this way)."""
    for victim in descendants(pid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(victim, signum)


@contextlib.contextmanager
def bounded(browser_name, call, seconds, kill):
    """Run the body; if it has not returned within `seconds`, call `kill()` from a timer thread (which ends the
    driver whose answer the body waits for) and raise BrowserHung, whatever the body then raised."""
    fired = threading.Event()

    def expire():
        fired.set()
        kill()

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    hung = BrowserHung(f"{browser_name}: {call} did not answer within {seconds:g} s")
    try:
        yield
    except Exception as error:
        if fired.is_set():
            raise hung from error
        raise
    finally:
        timer.cancel()
    if fired.is_set():
        raise hung


def start_twice(browser_name, start, cleanup=lambda: None):
    """`start()`, and once more if it fails (after `cleanup()`); BrowserDidNotStart if the second fails too."""
    try:
        return start()
    except Exception as first:
        cleanup()
        try:
            return start()
        except Exception as second:
            cleanup()
            raise BrowserDidNotStart(f"{browser_name}: could not start, twice: {first!r}; then {second!r}") from second
