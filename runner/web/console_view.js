// The console under the editor ("Try it", issue 29): what the student types, or an example sent with one
// click, runs against the code in the editor in the student's console interpreter (never the judge's; no
// grade reads it). Its printed output, value or error shows in a log that screen readers hear politely.
import { textWithLineLinks } from "./results_view.js";

const SOLUTION_LINE = /(File "solution\.py", line (\d+))/g;
const HISTORY_LIMIT = 100;

/**
 * @typedef {{status: string, reply?: {ok: boolean, output: string, dropped: number, value: string|null,
 *   error: {type: string, message: string, line: number|null, traceback: string}|null}, detail?: string,
 *   fresh?: boolean}} ConsoleAnswer
 */

export class ConsoleView {
  /**
   * @param {{form: HTMLFormElement, input: HTMLTextAreaElement, log: HTMLElement, examples: HTMLElement,
   *   run: (entry: string) => Promise<ConsoleAnswer>, stop: () => void, goToLine: (line: number) => void,
   *   exampleEntries: string[], callSeconds: number}} options
   */
  constructor({ form, input, log, examples, run, stop, goToLine, exampleEntries, callSeconds }) {
    Object.assign(this, { form, input, log, run, stop, goToLine, callSeconds });
    this.button = form.querySelector("button[type=submit]");
    this.history = [];
    this.position = 0;  // in history; history.length means the entry being written
    this.draft = "";
    this.busy = false;
    this.started = false;  // whether an entry ran in this console interpreter yet
    form.addEventListener("submit", (event) => { event.preventDefault(); this.busy ? this.stop() : this.submit(); });
    input.addEventListener("keydown", (event) => this.onKey(event));
    input.addEventListener("input", () => this.fit());
    for (const entry of exampleEntries) {
      const button = Object.assign(document.createElement("button"), { type: "button", textContent: entry, className: "example" });
      button.setAttribute("aria-label", `Try the example ${entry}`);
      button.addEventListener("click", () => { input.value = entry; this.fit(); this.submit(); });
      examples.append(button);
    }
    examples.hidden = exampleEntries.length === 0;
  }

  /** Put `code` (a failing test's call with its inputs) in the console and run it, in view. */
  replay(code) {
    this.form.scrollIntoView({ block: "nearest" });
    if (this.busy) return;
    this.input.value = code;
    this.fit();
    this.input.focus();
    this.submit();
  }

  onKey(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();  // the page's Ctrl+Enter runs the tests; a plain Enter here runs the entry
      if (!this.busy) this.submit();
      return;
    }
    const { selectionStart, selectionEnd, value } = this.input;
    const onFirstLine = !value.slice(0, selectionStart).includes("\n");
    const onLastLine = !value.slice(selectionEnd).includes("\n");
    if (event.key === "ArrowUp" && onFirstLine && this.position > 0) {
      event.preventDefault();
      this.recall(this.position - 1);
    } else if (event.key === "ArrowDown" && onLastLine && this.position < this.history.length) {
      event.preventDefault();
      this.recall(this.position + 1);
    }
  }

  recall(position) {
    if (this.position === this.history.length) this.draft = this.input.value;
    this.position = position;
    this.input.value = position === this.history.length ? this.draft : this.history[position];
    this.fit();
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }

  fit() {
    this.input.rows = Math.min(8, Math.max(1, this.input.value.split("\n").length));
  }

  async submit() {
    const entry = this.input.value;
    if (!entry.trim()) return;
    if (this.history.at(-1) !== entry) this.history.push(entry);
    this.history.splice(0, this.history.length - HISTORY_LIMIT);
    this.position = this.history.length;
    this.draft = "";
    this.input.value = "";
    this.fit();
    const item = this.append("entry");
    item.append(this.block("console-input", entry, true));
    this.setBusy(true);
    let answer;
    try {
      answer = await this.run(entry);
    } catch (error) {
      answer = { status: "crashed", detail: String(error && error.message || error) };
    }
    this.setBusy(false);
    this.show(item, answer);
  }

  setBusy(busy) {
    this.busy = busy;
    this.button.textContent = busy ? "Stop" : "Run";
    this.form.setAttribute("aria-busy", String(busy));
    document.body.dataset.consoleBusy = String(busy);
  }

  /** @param {HTMLElement} item @param {ConsoleAnswer} answer */
  show(item, answer) {
    const reply = answer.reply;
    if (answer.fresh && this.started) item.append(this.block("console-note", "(Python was restarted for this entry: names from earlier entries are gone)"));
    if (["ok", "timeout", "stopped"].includes(answer.status)) this.started = true;
    if (reply && reply.output) item.append(this.block("console-output", reply.output.replace(/\n$/, "")));
    if (reply && reply.dropped > 0) item.append(this.block("console-note", `… ${reply.dropped} more characters of output were not kept`));
    if (answer.status === "timeout") {
      item.append(this.block("console-error", `Stopped after ${this.callSeconds} s: is there an endless loop?`));
    } else if (answer.status === "stopped") {  // interrupted in place: names from earlier entries are kept
      item.append(this.block("console-error", "Stopped (you pressed Stop)."));
    } else if (answer.status === "restarted") {
      this.started = false;
      item.append(this.block("console-error", `Stopped (${answer.detail || "Python was restarted"}); Python is starting again.`));
    } else if (answer.status !== "ok" || !reply) {
      this.started = false;
      item.append(this.block("console-error", `Python stopped while running this (${answer.detail || "unknown error"}); the next entry starts a fresh one.`));
    } else if (reply.error) {
      item.append(textWithLineLinks(reply.error.traceback || `${reply.error.type}: ${reply.error.message}`, "console-error", this.goToLine, SOLUTION_LINE));
    } else if (reply.value !== null && reply.value !== undefined) {
      item.append(this.block("console-value", reply.value));
    }
    item.dataset.done = "true";
    this.log.scrollTop = this.log.scrollHeight;
    document.body.dataset.consoleEntries = String(this.log.querySelectorAll("[data-done]").length);
  }

  append(className) {
    const item = document.createElement("div");
    item.className = className;
    this.log.append(item);
    return item;
  }

  /** A <pre> of `text`; an entry's lines get the console's prompts (>>> then ...). */
  block(className, text, prompts = false) {
    const pre = document.createElement("pre");
    pre.className = className;
    pre.textContent = prompts ? text.split("\n").map((line, i) => (i ? "... " : ">>> ") + line).join("\n") : text;
    return pre;
  }
}
