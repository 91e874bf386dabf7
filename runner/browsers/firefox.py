"""Firefox (Debian's firefox-esr) driven through puppeteer-core over WebDriver BiDi, by a Node bridge
(runner/browsers/puppeteer_bridge.mjs): one JSON command per line to its stdin, one answer per line from its
stdout. Every answer is awaited for a bounded time (a reader thread, a queue with a timeout); a bridge that
does not answer is killed with its Firefox, and the next page starts a new one."""
import json
import queue
import subprocess
import threading
from pathlib import Path

from runner.browsers.bounds import (CALL_SECONDS, START_SECONDS, BrowserHung, descendants, kill_tree, process_name,
                                    start_twice)
from runner.browsers.page import Page

ROOT = Path(__file__).resolve().parents[2]
FIREFOX = "/usr/bin/firefox-esr"
BRIDGE = Path(__file__).with_name("puppeteer_bridge.mjs")


class BridgePage(Page):
    browser_name = "firefox"

    def __init__(self, bridge, width, height):
        self.bridge = bridge
        self.seconds = bridge.seconds
        self.id = bridge.call("newPage", width=width, height=height, timeout=self.seconds * 750)

    def goto(self, url):
        self.bridge.call("goto", page=self.id, url=url)

    def reload(self):
        self.bridge.call("reload", page=self.id)

    def evaluate(self, expression):
        return self.bridge.call("evaluate", page=self.id, script=expression)

    def click(self, selector):
        self.bridge.call("click", page=self.id, selector=selector)

    def press(self, selector, key):
        self.bridge.call("press", page=self.id, selector=selector, key=key)

    def screenshot(self, path):
        self.bridge.call("screenshot", page=self.id, path=str(path))

    def errors(self):
        return self.bridge.call("errors", page=self.id)

    def clear_errors(self):
        self.bridge.call("clearErrors", page=self.id)

    def browser_pid(self):
        return self.bridge.pid()

    def close(self):
        if self.bridge.alive():
            self.bridge.call("closePage", page=self.id)


class Firefox:
    """`seconds`: each call's bound."""

    def __init__(self, seconds=CALL_SECONDS):
        self.seconds = seconds
        self.process = None
        self._start()

    def _start(self):
        start_twice("firefox", self._launch, self._kill)
        self.next_id = 0

    def _launch(self):
        self.process = subprocess.Popen(["node", str(BRIDGE), FIREFOX], cwd=ROOT, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        self.answers = queue.Queue()
        threading.Thread(target=self._read, args=(self.process.stdout, self.answers), daemon=True).start()
        ready = self._answer("start", START_SECONDS)
        if not ready.get("ready"):
            raise RuntimeError(f"firefox: the bridge said {ready} instead of ready")

    @staticmethod
    def _read(stdout, answers):
        for line in stdout:
            answers.put(line)
        answers.put(None)

    def _answer(self, op, seconds):
        """The bridge's next line, read within `seconds`, else the bridge and its Firefox are killed."""
        try:
            line = self.answers.get(timeout=seconds)
        except queue.Empty:
            self._kill()
            raise BrowserHung(f"firefox: {op} did not answer within {seconds:g} s") from None
        if line is None:
            raise RuntimeError(f"firefox: {op}: the bridge ended (exit status {self.process.wait()})")
        return json.loads(line)

    def _kill(self):
        if self.process:
            kill_tree(self.process.pid)
            self.process.wait()

    def alive(self):
        return self.process.poll() is None

    def pid(self):
        """Firefox's main process (under the Node bridge)."""
        return next((pid for pid in descendants(self.process.pid) if process_name(pid).startswith("firefox")), None)

    def call(self, op, **args):
        self.next_id += 1
        try:
            self.process.stdin.write(json.dumps({"id": self.next_id, "op": op, "args": args}) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            raise RuntimeError(f"firefox: {op}: the bridge has ended") from None
        answer = self._answer(op, self.seconds)
        if not answer["ok"]:
            raise RuntimeError(f"firefox: {op}: {answer['error']}")
        return answer["value"]

    def new_page(self, width=1400, height=1000):
        if not self.alive():  # killed after a hang: a new Firefox for the next page
            self._start()
        return BridgePage(self, width, height)

    def close(self):
        if not self.alive():
            return
        self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self._kill()
