// Saves the student's code in the browser (localStorage), keyed by exercise id, and restores it; tells a
// tab when another tab of the same exercise saved different code (the `storage` event, issue 21).

/** @typedef {{code: string, starterHash: string, version: string, savedAt: number, tab?: string}} Saved */

/** Whether this page may keep data at all: a browser that blocks a site's data (the page inside another site's
 * iframe where third-party data is blocked, as in Safari and Chrome's incognito windows) throws on access. */
export function storageAvailable() {
  try {
    localStorage.getItem("exercise:probe");
    return true;
  } catch {
    return false;
  }
}

export class CodeStore {
  /** @param {string} exerciseId */
  constructor(exerciseId) {
    this.key = `exercise:${exerciseId}:solution.py`;
    this.tab = crypto.randomUUID();  // which tab wrote a save
  }

  /** Call `onOtherTab(saved)` whenever another tab saves this exercise's code. */
  watch(onOtherTab) {
    addEventListener("storage", (event) => {
      if (event.key !== this.key || event.newValue === null) return;
      try {
        const saved = JSON.parse(event.newValue);
        if (saved && typeof saved.code === "string" && saved.tab !== this.tab) onOtherTab(saved);
      } catch {
        // not ours to read
      }
    });
  }

  /** @returns {Saved | null} */
  load() {
    try {
      const saved = JSON.parse(localStorage.getItem(this.key) || "null");
      return saved && typeof saved.code === "string" ? saved : null;
    } catch {
      return null;
    }
  }

  /** @returns {boolean} whether the code was written */
  save(code, starterHash, version) {
    try {
      localStorage.setItem(this.key, JSON.stringify({ code, starterHash, version, savedAt: Date.now(), tab: this.tab }));
      return true;
    } catch {
      return false;  // storage full or disabled: the page says so
    }
  }
}

/** Calls `fn` once `ms` have passed without another call; `flush()` runs a pending call now. */
export function debounce(fn, ms) {
  let timer = null;
  let pending = null;
  const debounced = (...args) => {
    pending = args;
    clearTimeout(timer);
    timer = setTimeout(debounced.flush, ms);
  };
  debounced.flush = () => {
    clearTimeout(timer);
    if (pending) { const args = pending; pending = null; fn(...args); }
  };
  return debounced;
}
