// Shows Python's loading stages (runtime, NumPy, test harness) and how much has been downloaded.

const STAGES = ["runtime", "packages", "harness"];

export class ProgressView {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.bar = root.querySelector("progress");
    this.text = root.querySelector(".progress-text");
    this.items = Object.fromEntries(STAGES.map((stage) => [stage, root.querySelector(`[data-stage="${stage}"]`)]));
  }

  update({ stage, state, loaded, total }) {
    const index = STAGES.indexOf(stage);
    STAGES.forEach((name, i) => {
      const item = this.items[name];
      const done = i < index || (i === index && state === "done");
      item.dataset.state = done ? "done" : i === index ? "active" : "waiting";
    });
    if (total) {
      this.bar.max = total;
      this.bar.value = Math.min(loaded, total);
      // After a worker replacement the files come from the browser's caches: no download to report (issue 28).
      this.text.textContent = this.restartingNow ? "Restarting Python…"
        : `${(loaded / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB downloaded`;
    }
  }

  ready() {
    this.restartingNow = false;
    for (const item of Object.values(this.items)) item.dataset.state = "done";
    this.bar.value = this.bar.max;
    this.text.textContent = "Python is ready.";
    this.root.dataset.state = "ready";
  }

  restarting() {
    this.restartingNow = true;
    this.root.dataset.state = "loading";
    this.text.textContent = "Restarting Python…";
  }

  failed(message) {
    this.root.dataset.state = "failed";
    this.text.textContent = `Python could not start: ${message}`;
  }
}
