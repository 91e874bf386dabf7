// The History dialog: lists the saved versions (time, where each came from, its score), shows the chosen
// one, and restores it into the editor (one undoable change, announced by the caller).
import { describeVersion } from "./history.js";

export class HistoryView {
  /**
   * @param {{dialog: HTMLDialogElement, history: import("./history.js").VersionHistory,
   *          onRestore: (version: import("./history.js").Version) => void}} options
   */
  constructor({ dialog, history, onRestore }) {
    this.dialog = dialog;
    this.history = history;
    this.list = dialog.querySelector(".history-list");
    this.preview = dialog.querySelector(".history-preview");
    this.empty = dialog.querySelector(".history-empty");
    this.restore = dialog.querySelector(".history-restore");
    this.chosen = null;
    this.restore.addEventListener("click", () => {
      if (!this.chosen) return;
      const version = this.chosen;
      dialog.close();
      onRestore(version);
    });
    dialog.querySelector(".history-close").addEventListener("click", () => dialog.close());
  }

  open() {
    const versions = this.history.list();
    this.list.replaceChildren(...versions.map((version, index) => {
      const item = document.createElement("li");
      const button = Object.assign(document.createElement("button"), { type: "button", className: "history-item" });
      const when = new Date(version.at).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
      const lines = version.code.split("\n").length;
      button.append(Object.assign(document.createElement("span"), { className: "history-when", textContent: when }),
        Object.assign(document.createElement("span"), { textContent: `${describeVersion(version)} · ${lines} lines` }));
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => this.choose(version, button));
      item.append(button);
      if (index === 0) queueMicrotask(() => this.choose(version, button));
      return item;
    }));
    this.empty.hidden = versions.length > 0;
    this.preview.hidden = versions.length === 0;
    this.preview.textContent = "";
    this.chosen = null;
    this.restore.disabled = true;
    this.dialog.showModal();
  }

  choose(version, button) {
    this.chosen = version;
    for (const other of this.list.querySelectorAll("button")) other.setAttribute("aria-pressed", String(other === button));
    this.preview.textContent = version.code;
    this.restore.disabled = false;
  }
}
