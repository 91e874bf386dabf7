// The page's file actions: reset to the starter, download solution.py or the submission file, open or drop a file.

/**
 * @param {{editor: object, starter: string, config: object, keep: Function, notice: Function,
 *          lastRun: () => ({code: string, results: object} | null)}} page
 */
export function wireFileActions({ editor, starter, config, keep, notice, lastRun }) {
  const $ = (selector) => document.querySelector(selector);
  const resetDialog = $("#reset-dialog");
  $("#reset").addEventListener("click", () => resetDialog.showModal());
  resetDialog.addEventListener("close", () => {
    if (resetDialog.returnValue !== "reset") return;
    const previous = editor.getText();
    keep(previous, "reset");
    editor.setText(starter);
    notice("The starter code was restored.", {
      actionLabel: "Undo", action: () => { editor.setText(previous); editor.focus(); },
    });
    editor.focus();
  });

  function downloadText(name, text, type) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
  $("#download").addEventListener("click", () => downloadText("solution.py", editor.getText(), "text/x-python"));

  async function sha256Hex(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  // The submission file (runner/grading/submission.py): the code, the results seen for exactly this code (none if it
  // changed since the last run), the versions, a hash of the code. `python -m runner check` re-grades it.
  $("#download-submission").addEventListener("click", async () => {
    const code = editor.getText();
    const results = lastRun() && lastRun().code === code ? lastRun().results : null;
    const submission = {
      format: "exercise-submission", version: 1,
      exercise: { id: config.id, version: config.version },
      code, code_sha256: await sha256Hex(code),
      results, runtime: results ? results.runtime || null : null,
      saved_at: new Date().toISOString(),
    };
    downloadText(`${config.id}-submission.json`, JSON.stringify(submission, null, 1), "application/json");
  });

  async function openFile(file) {
    if (!file) return;
    if (!/\.py$/i.test(file.name)) { notice(`${file.name} is not a .py file.`); return; }
    if (file.size > 2_000_000) { notice(`${file.name} is too large to open here.`); return; }
    const previous = editor.getText();
    keep(previous, "open");
    editor.setText(await file.text());
    notice(`Opened ${file.name}.`, { actionLabel: "Undo", action: () => editor.setText(previous) });
  }
  const fileInput = $("#open-file");
  $("#open").addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => { openFile(fileInput.files[0]); fileInput.value = ""; });
  const editorBox = $("#editor");
  editorBox.addEventListener("dragover", (event) => { event.preventDefault(); editorBox.dataset.drop = "true"; });
  editorBox.addEventListener("dragleave", () => { delete editorBox.dataset.drop; });
  editorBox.addEventListener("drop", (event) => {
    if (!event.dataTransfer.files.length) return;  // text dragged within the editor: CodeMirror's business
    event.preventDefault();
    event.stopPropagation();
    delete editorBox.dataset.drop;
    openFile(event.dataTransfer.files[0]);
  }, true);
}
