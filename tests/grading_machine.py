"""A grading machine in a temporary folder, for the attack tests: a copy of the repository the grader runs
from, an instructor's private file, a folder and a TCP listener that must hear nothing, and the hand-ins
(tests/attacks/*.py, their placeholders filled in) each followed by an honest wrong solution."""
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import session_keyring
from helpers import ROOT

ATTACKS = sorted((ROOT / "tests" / "attacks").glob("*.py"))
HONEST_WRONG = ROOT / "exercise" / "wrong_solutions" / "leaky.py"
STUDENT_PROGRAMS = ("student_main", "student_process.mjs", "sandbox_exec", "bwrap")


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self):
        self.socket.close()


class GradingMachine:
    def __init__(self, root, attacks=ATTACKS):
        self.root = Path(root)
        self.mark = f"attack-trace-{uuid.uuid4().hex[:12]}"
        self.repo = self.root / "repo"
        for name in ("runner", "exercise", "hidden_tests"):
            shutil.copytree(ROOT / name, self.repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("build", "node_modules"):  # the assembled Pyodide and ws, shared (read-only to students)
            (self.repo / name).symlink_to(ROOT / name)
        self.home = self.root / "home"
        self.home.mkdir()
        self.secret = self.home / "private_key.txt"
        self.secret.write_text("instructor's private key")
        self.secret.chmod(0o600)
        self.trace = self.root / "trace"
        self.trace.mkdir()
        self.summary = self.root / "grades.csv"
        self.listener = Listener()
        self.planted_key = session_keyring.plant(f"{self.mark}-grader")  # tests/attacks/reaches_the_keyring.py seeks it
        self.handins = self.root / "handins"
        self.handins.mkdir()
        self.files = []
        for index, attack in enumerate(attacks):
            self.files.append(self._write(f"{index:02}_{attack.name}", attack.read_text()))
            self.files.append(self._write(f"{index:02}_z_honest_{HONEST_WRONG.name}", HONEST_WRONG.read_text()))
        self.files.append(self._write("zz_reference.py", (ROOT / "exercise" / "reference_solution.py").read_text()))
        self.hidden_tests = self.digest(self.repo / "hidden_tests")

    def _write(self, name, text):
        for key, value in {"__MARK__": self.mark, "__TRACE__": self.trace, "__REPO__": self.repo,
                           "__SECRET__": self.secret, "__SUMMARY__": self.summary,
                           "__PORT__": self.listener.port}.items():
            text = text.replace(key, str(value))
        path = self.handins / name
        path.write_text(text)
        return path

    @staticmethod
    def digest(folder):
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}

    def check(self, *options):
        env = {**os.environ, "HOME": str(self.home)}
        return subprocess.run([sys.executable, "-m", "runner", "check", "--json", "--jobs", "2",
                               "--summary", str(self.summary), *options, *map(str, self.files)],
                              cwd=self.repo, env=env, capture_output=True, text=True, timeout=900)

    def traces(self):
        """Files an attack left where the grading machine would see them."""
        found = [p for p in self.root.rglob("*") if self.mark in p.name]
        for folder in ("/tmp", "/var/tmp", "/dev/shm", os.path.expanduser("~")):
            if os.path.isdir(folder):
                found += [Path(folder) / name for name in os.listdir(folder) if self.mark in name]
        found += [Path("/proc/keys") / key for key in session_keyring.descriptions() if key == f"{self.mark}-student"]
        return found

    def close(self):
        self.listener.close()
        session_keyring.revoke(self.planted_key)
        for path in self.traces():
            if path.is_file():
                path.unlink()
            elif path.is_dir():
                shutil.rmtree(path, ignore_errors=True)


def leftover_processes():
    """Processes of a student (or its sandbox) still running: there must be none once `check` is done. This
    test session's own engines (tests/conftest.py) keep a student process started ahead: those, children of
    this process, are not `check`'s; a process `check` left behind has another parent once it exits."""
    left = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if any(program in cmdline for program in STUDENT_PROGRAMS) and not _descends_from_this_session(pid):
            left.append(f"{pid}: {cmdline[:200]}")
    return left


def _descends_from_this_session(pid):
    while pid not in ("0", "1"):
        if pid in (str(os.getpid()), os.environ.get("PYTEST_XDIST_WORKER") and str(os.getppid())):  # xdist: all workers'
            return True
        try:
            pid = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            return False
    return False


def settle(seconds=3.0):
    """Long enough for a process an attack left behind to act (they wait 2 s, then write)."""
    time.sleep(seconds)
