// Notices in the page's live region: a line of text with buttons (Undo, a choice), dismissible or pending.

/**
 * @param {HTMLElement} notices  the live region
 * @returns {(text: string, options?: {action?: Function, actionLabel?: string, actions?: {label: string, run: Function}[],
 *   timeoutMs?: number, dismissible?: boolean}) => HTMLElement}
 */
export function noticesIn(notices) {
  /** A notice in the live region, with buttons: `actions` [{label, run}], or one `action` with `actionLabel`. */
  return function notice(text, { action, actionLabel, actions = [], timeoutMs, dismissible = true } = {}) {
    const item = document.createElement("div");
    item.className = "notice";
    item.append(Object.assign(document.createElement("span"), { textContent: text }));
    for (const { label, run } of action ? [{ label: actionLabel, run: action }, ...actions] : actions) {
      const button = Object.assign(document.createElement("button"), { type: "button", textContent: label });
      button.addEventListener("click", () => { item.remove(); run(); });
      item.append(button);
    }
    if (dismissible) {
      const close = Object.assign(document.createElement("button"), { type: "button", textContent: "Dismiss", className: "quiet" });
      close.addEventListener("click", () => item.remove());
      item.append(close);
    } else {
      item.dataset.pending = "true";  // a choice still to make (another tab's code): later notices go beside it
    }
    notices.replaceChildren(...notices.querySelectorAll("[data-pending]"), item);
    if (timeoutMs) setTimeout(() => item.remove(), timeoutMs);
    return item;
  };
}
