// Saves the student's code in the browser (localStorage), keyed by exercise id, and restores it.

/** @typedef {{code: string, starterHash: string, version: string, savedAt: number}} Saved */

export class CodeStore {
  /** @param {string} exerciseId */
  constructor(exerciseId) {
    this.key = `exercise:${exerciseId}:solution.py`;
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
      localStorage.setItem(this.key, JSON.stringify({ code, starterHash, version, savedAt: Date.now() }));
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
