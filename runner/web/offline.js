// Keeps the site for offline use: registers the service worker (sw.js) once Python has loaded, which then
// revalidates every file against the HTTP cache, so a first visit downloads nothing twice.

/**
 * @param {string|null} url  the service worker's script (null: the site is not kept, as with --pyodide-cdn)
 * @param {(text: string) => void} notice  tells the student a new version is ready
 * @returns {() => void} call once Python is ready; later calls do nothing
 */
export function offlineKeeper(url, notice) {
  let requested = false;
  return function keepForOffline() {
    if (requested || !("serviceWorker" in navigator) || !url) return;
    requested = true;
    const hadController = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.register(url).then((registration) => {
      document.body.dataset.offlineReady = "pending";
      navigator.serviceWorker.ready.then(() => { document.body.dataset.offlineReady = "true"; });
      registration.addEventListener("updatefound", () => {
        if (hadController) notice("A new version of this exercise was downloaded; reload the page to use it. Your code is kept.");
      });
    }).catch(() => { document.body.dataset.offlineReady = "false"; });
  };
}
