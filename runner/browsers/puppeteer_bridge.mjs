// Drives Debian's Firefox for Python (runner/browsers/drivers.py) with puppeteer-core over WebDriver BiDi:
// Playwright's own Firefox protocol does not work with Debian's Firefox. One JSON command per stdin line,
// one JSON answer per stdout line: {"id", "ok", "value"} or {"id", "ok": false, "error"}; a first line
// {"ready": true} once Firefox has started. Python bounds every answer (runner/browsers/firefox.py).
//   argv: the Firefox executable.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const [executablePath] = process.argv.slice(2);
const browser = await puppeteer.launch({
  browser: "firefox", executablePath, headless: true, protocol: "webDriverBiDi",
  timeout: 120_000,
  extraPrefsFirefox: { "network.captive-portal-service.enabled": false, "app.update.enabled": false },
});
const pages = new Map();
let nextPage = 1;
const say = (message) => process.stdout.write(JSON.stringify(message) + "\n");
say({ ready: true });

const commands = {
  async newPage({ width = 1400, height = 1000, timeout = 45_000 }) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width, height });
    page.setDefaultTimeout(timeout);  // under Python's bound on each answer: a slow page fails here first
    const id = nextPage++;
    const errors = [];
    page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    pages.set(id, { page, context, errors });
    return id;
  },
  async goto({ page, url }) { await pages.get(page).page.goto(url); },
  async reload({ page }) { await pages.get(page).page.reload(); },
  async evaluate({ page, script }) { return pages.get(page).page.evaluate(script); },
  async click({ page, selector }) { await pages.get(page).page.click(selector); },
  async press({ page, selector, key }) {
    await pages.get(page).page.focus(selector);
    await pages.get(page).page.keyboard.press(key);
  },
  async upload({ page, selector, path }) { await (await pages.get(page).page.$(selector)).uploadFile(path); },
  async screenshot({ page, path }) { await pages.get(page).page.screenshot({ path }); },
  async errors({ page }) { return pages.get(page).errors; },
  async clearErrors({ page }) { pages.get(page).errors.length = 0; },
  async closePage({ page }) {
    const entry = pages.get(page);
    pages.delete(page);
    await entry.context.close();
  },
  async version() { return browser.version(); },
};

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { id, op, args } = JSON.parse(line);
  try {
    say({ id, ok: true, value: (await commands[op](args || {})) ?? null });
  } catch (error) {
    say({ id, ok: false, error: String(error && error.message || error) });
  }
}
await browser.close();
