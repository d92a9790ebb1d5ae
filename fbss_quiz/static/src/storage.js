// @ts-check
/* fbss-quiz: localStorage as a whole, for the progress table and the practice queue:
 * whether it keeps what is saved, and forgetting every answer of a book. Wrapped in try,
 * like store.js: storage that is off or full never breaks the page. No state: each chunk
 * that uses it has its own copy (tools/build_assets.py's COPIED). */

/**
 * Whether this browser keeps what is saved (not off, not full).
 * @returns {boolean}
 */
export function storageWorks() {
  try {
    const probe = "fbss-quiz:probe";
    localStorage.setItem(probe, "1");
    const kept = localStorage.getItem(probe) === "1";
    localStorage.removeItem(probe);
    return kept;
  } catch {
    return false;
  }
}

/**
 * Forget every key that starts with ``prefix``.
 * @param {string} prefix
 */
export function clearSaved(prefix) {
  try {
    const doomed = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(prefix)) doomed.push(key);
    }
    doomed.forEach((key) => localStorage.removeItem(key));
  } catch {
    /* off */
  }
}
