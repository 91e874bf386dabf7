// A local history of the student's code (issue 21): every distinct version that was run, the code just
// before a reset or an opened file, what another tab saved, and each tab's last edit. Kept in this browser
// only (localStorage), newest first, bounded: oldest dropped first past MAX_VERSIONS or MAX_BYTES.

export const MAX_VERSIONS = 50;
export const MAX_BYTES = 1_000_000;

/** @typedef {{code: string, at: number, source: string, score?: string}} Version
 *  source: "run", "reset" (before a reset), "open" (before opening a file), "other tab" (another tab's
 *  code), "this tab" (a tab's own code, kept before another's replaced it, or its last edit) */

export class VersionHistory {
  /** @param {string} exerciseId */
  constructor(exerciseId) {
    this.key = `exercise:${exerciseId}:history`;
  }

  /** @returns {Version[]} newest first */
  list() {
    try {
      const versions = JSON.parse(localStorage.getItem(this.key) || "[]");
      return Array.isArray(versions) ? versions.filter((v) => v && typeof v.code === "string") : [];
    } catch {
      return [];
    }
  }

  /**
   * Keep `code` (a version already there moves to the top, taking the new source and score).
   * @returns {"saved" | "refused"} "refused" when the browser's storage would not take even the newest
   */
  add(code, source, { score } = {}) {
    const version = { code, at: Date.now(), source, ...(score ? { score } : {}) };
    let versions = [version, ...this.list().filter((v) => v.code !== code)].slice(0, MAX_VERSIONS);
    while (versions.length && JSON.stringify(versions).length > MAX_BYTES) versions = versions.slice(0, -1);
    while (versions.length) {
      try {
        localStorage.setItem(this.key, JSON.stringify(versions));
        return "saved";
      } catch {
        versions = versions.slice(0, -1);  // storage full: the oldest go first
      }
    }
    return "refused";
  }
}

const SOURCES = { run: "Run", reset: "Before a reset", open: "Before opening a file", "other tab": "From another tab",
  "this tab": "Kept from this tab" };

/** "Run, 3/5" or "Before a reset": where a version came from, as the history list shows it. */
export function describeVersion(version) {
  const source = SOURCES[version.source] || version.source;
  return version.score ? `${source}, ${version.score}` : source;
}
